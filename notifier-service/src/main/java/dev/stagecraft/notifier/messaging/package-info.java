/** The consumer of {@code stagecraft.events.notifier-service}: de-duplicates events and hands them to Slack and the live stream. */
@NullMarked
package dev.stagecraft.notifier.messaging;

import org.jspecify.annotations.NullMarked;
