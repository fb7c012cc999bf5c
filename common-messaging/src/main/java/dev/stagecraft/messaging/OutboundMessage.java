package dev.stagecraft.messaging;

import org.jspecify.annotations.Nullable;

/**
 * A message on its way to the broker, as stored in the outbox (a row of {@code outbox_message}). The body is
 * already encoded, so what the outbox holds is exactly what will be sent, however often.
 */
public record OutboundMessage(
        String exchange,
        String routingKey,
        String type,
        String messageId,
        @Nullable String correlationId,
        String body) {}
