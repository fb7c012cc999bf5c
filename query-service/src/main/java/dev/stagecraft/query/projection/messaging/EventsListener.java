package dev.stagecraft.query.projection.messaging;

import com.rabbitmq.client.Channel;
import dev.stagecraft.contracts.InvalidMessageException;
import dev.stagecraft.contracts.event.Event;
import dev.stagecraft.messaging.BatchDelivery;
import dev.stagecraft.messaging.InboundMessage;
import dev.stagecraft.messaging.Inbox;
import dev.stagecraft.query.projection.EventScope;
import dev.stagecraft.query.projection.EventSource;
import dev.stagecraft.query.projection.Projection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * The one listener on {@code stagecraft.events.query-service}. Deliveries arrive in batches that are applied in
 * queue order in one transaction ({@link BatchDelivery}), each together with its row in the event log (the inbox of
 * events, keyed by event id), so a redelivered message changes nothing. An invalid event goes to the dead-letter queue; an event of a type this version does
 * not know is skipped (and remembered in the inbox).
 */
@Component
class EventsListener {

    private static final Logger log = LoggerFactory.getLogger(EventsListener.class);

    private final Inbox inbox;
    private final Projection projection;
    private final BatchDelivery batches;

    EventsListener(Inbox inbox, Projection projection, BatchDelivery batches) {
        this.inbox = inbox;
        this.projection = projection;
        this.batches = batches;
    }

    @RabbitListener(queues = EventsQueue.NAME, containerFactory = BatchDelivery.LISTENER_FACTORY)
    public void receive(List<Message> messages, Channel channel) {
        batches.apply(messages, channel, this::apply);
    }

    /**
     * An event is applied by {@link Projection#apply}, whose event log keyed by event id is its inbox: a redelivery
     * (same body, same event id) is found there and changes nothing. Only what carries no event id this version can
     * read, an unknown type, is remembered in the inbox proper.
     */
    private void apply(Message message) {
        InboundMessage in = InboundMessage.from(message);
        Optional<Event> event = decode(in);
        if (event.isEmpty()) {
            inbox.firstDelivery(messageId(in), in.type());
            return;
        }
        Event e = event.get();
        projection.apply(e, EventSource.of(in.appId(), e), new String(in.body(), StandardCharsets.UTF_8));
    }

    /** The event, or empty for a type this version does not know; refuses what cannot be applied. */
    private static Optional<Event> decode(InboundMessage in) {
        Object decoded;
        try {
            decoded = in.decode();
        } catch (InvalidMessageException e) {
            if ("unknown-type".equals(e.code())) {
                log.info("skipping {} {}: not an event type this version knows", in.type(), in.messageId());
                return Optional.empty();
            }
            throw reject(in, e.getMessage(), e);
        }
        if (!(decoded instanceof Event event)) {
            throw reject(in, in.type() + " is not an event; events are published to stagecraft.events", null);
        }
        EventScope.problem(event).ifPresent(problem -> {
            throw reject(in, problem, null);
        });
        return Optional.of(event);
    }

    private static String messageId(InboundMessage in) {
        if (in.messageId() != null && !in.messageId().isBlank()) {
            return in.messageId();
        }
        return UUID.nameUUIDFromBytes(in.body()).toString();
    }

    private static AmqpRejectAndDontRequeueException reject(InboundMessage in, String why, @Nullable Throwable cause) {
        String reason = "dead-lettering " + in.type() + " " + in.messageId() + " from " + in.appId() + ": " + why;
        log.warn(reason);
        return new AmqpRejectAndDontRequeueException(reason, cause);
    }
}
