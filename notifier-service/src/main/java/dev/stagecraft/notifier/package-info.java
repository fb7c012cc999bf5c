/** The notifier service: relays Stagecraft events to Slack and to WebSocket clients. */
@NullMarked
package dev.stagecraft.notifier;

import org.jspecify.annotations.NullMarked;
