/**
 * The diff of two environments of one application ({@code GET /api/v1/applications/{app}/diff?from=&to=}):
 * versions, public overrides, whether secrets are equal (by fingerprint, never by value), the commits between
 * them, and the command that would bring {@code to} level with {@code from}.
 */
@NullMarked
package dev.stagecraft.query.diff;

import org.jspecify.annotations.NullMarked;
