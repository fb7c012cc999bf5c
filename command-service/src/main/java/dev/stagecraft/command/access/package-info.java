/**
 * Who may do what: users, their roles (optionally scoped to an application), API tokens and Basic auth, and
 * the {@link dev.stagecraft.command.access.Caller} each channel hands to the command handler.
 */
@NullMarked
package dev.stagecraft.command.access;

import org.jspecify.annotations.NullMarked;
