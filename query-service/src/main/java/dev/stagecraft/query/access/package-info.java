/**
 * Who may read: every {@code /api/**} call is authenticated by asking command-service, which owns users and
 * tokens, who the caller's {@code Authorization} header belongs to ({@code GET /api/v1/users/me}).
 */
@NullMarked
package dev.stagecraft.query.access;

import org.jspecify.annotations.NullMarked;
