/**
 * An environment's schedule: when its ttl passes and it is archived ({@code expires_at}), and when, archived,
 * its retention ends and it is cleaned up ({@code cleanup_at}). Kept in step with every decision about the
 * environment and announced by {@code environment.schedule-changed}; a periodic pass submits the archive and
 * cleanup commands that are due through the one {@code CommandHandler}, on channel {@code schedule}.
 */
@NullMarked
package dev.stagecraft.command.schedule;

import org.jspecify.annotations.NullMarked;
