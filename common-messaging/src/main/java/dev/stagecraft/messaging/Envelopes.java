package dev.stagecraft.messaging;

import dev.stagecraft.contracts.Topology;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;

/** Builds the AMQP envelope of DESIGN.md §3 around an encoded message. */
public class Envelopes {

    private final String appId;
    private final Clock clock;

    public Envelopes(String appId, Clock clock) {
        this.appId = appId;
        this.clock = clock;
    }

    public Message toAmqp(OutboundMessage message) {
        return MessageBuilder.withBody(message.body().getBytes(StandardCharsets.UTF_8))
                .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .setContentEncoding(StandardCharsets.UTF_8.name())
                .setMessageId(message.messageId())
                .setType(message.type())
                .setCorrelationId(message.correlationId())
                .setAppId(appId)
                .setTimestamp(Date.from(clock.instant()))
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .setHeader(Topology.VERSION_HEADER, Topology.CONTRACT_VERSION)
                .build();
    }
}
