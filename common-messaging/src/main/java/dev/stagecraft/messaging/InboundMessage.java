package dev.stagecraft.messaging;

import dev.stagecraft.contracts.MessageCodec;
import dev.stagecraft.contracts.MessageTypes;
import org.jspecify.annotations.Nullable;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;

/**
 * A message as received: its type (the {@code type} property, or else the routing key, so that clients
 * that set only a routing key are served), its id for de-duplication, and its body.
 */
public record InboundMessage(
        String type,
        @Nullable String messageId,
        @Nullable String correlationId,
        @Nullable String appId,
        byte[] body) {

    public static InboundMessage from(Message message) {
        MessageProperties properties = message.getMessageProperties();
        String type = properties.getType() != null && !properties.getType().isBlank()
                ? properties.getType()
                : MessageTypes.typeForRoutingKey(String.valueOf(properties.getReceivedRoutingKey()));
        return new InboundMessage(
                type,
                properties.getMessageId(),
                properties.getCorrelationId(),
                properties.getAppId(),
                message.getBody());
    }

    /** Decodes and validates the body; throws {@link dev.stagecraft.contracts.InvalidMessageException}. */
    public Object decode() {
        return MessageCodec.instance().decode(type, body);
    }
}
