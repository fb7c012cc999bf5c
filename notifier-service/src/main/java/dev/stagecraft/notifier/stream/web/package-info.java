/** The WebSocket endpoint {@code /ws/events}. */
@NullMarked
package dev.stagecraft.notifier.stream.web;

import org.jspecify.annotations.NullMarked;
