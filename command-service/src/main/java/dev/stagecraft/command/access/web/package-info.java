/** The users and tokens REST API: {@code /api/v1/users}. */
@NullMarked
package dev.stagecraft.command.access.web;

import org.jspecify.annotations.NullMarked;
