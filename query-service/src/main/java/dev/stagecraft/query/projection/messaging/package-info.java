/** The AMQP adapter: the one listener on {@code stagecraft.events.query-service}. */
@NullMarked
package dev.stagecraft.query.projection.messaging;

import org.jspecify.annotations.NullMarked;
