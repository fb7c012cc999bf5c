/** The live event stream: WebSocket sessions and the filters they subscribed with. */
@NullMarked
package dev.stagecraft.notifier.stream;

import org.jspecify.annotations.NullMarked;
