package dev.stagecraft.notifier.messaging;

import com.rabbitmq.client.Channel;
import dev.stagecraft.contracts.InvalidMessageException;
import dev.stagecraft.contracts.MessageTypes;
import dev.stagecraft.contracts.event.ApplicationRegistered;
import dev.stagecraft.contracts.event.DeploymentEvent;
import dev.stagecraft.contracts.event.Event;
import dev.stagecraft.messaging.BatchDelivery;
import dev.stagecraft.messaging.InboundMessage;
import dev.stagecraft.messaging.Inbox;
import dev.stagecraft.notifier.slack.PipelineStages;
import dev.stagecraft.notifier.slack.SlackNotifications;
import dev.stagecraft.notifier.stream.EventStream;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * Consumes every event once: the inbox row and what the event changes (the Slack deliveries it causes, or the
 * pipeline an {@code application.registered} announces) are written in one transaction; WebSocket clients
 * see the event after that transaction commits, so a duplicate delivery reaches nobody. Unknown types are
 * skipped (forward compatibility); malformed events go to the dead-letter queue.
 */
@Component
class EventsListener {

    private static final Logger log = LoggerFactory.getLogger(EventsListener.class);

    private final Inbox inbox;
    private final BatchDelivery batches;
    private final SlackNotifications slack;
    private final PipelineStages pipelines;
    private final EventStream stream;
    private final MeterRegistry meters;

    EventsListener(
            Inbox inbox,
            SlackNotifications slack,
            PipelineStages pipelines,
            EventStream stream,
            MeterRegistry meters,
            BatchDelivery batches) {
        this.inbox = inbox;
        this.batches = batches;
        this.slack = slack;
        this.pipelines = pipelines;
        this.stream = stream;
        this.meters = meters;
    }

    /** Applies the deliveries of a batch in one transaction ({@link BatchDelivery}). */
    @RabbitListener(queues = EventsQueue.NAME, containerFactory = BatchDelivery.LISTENER_FACTORY)
    public void receive(List<Message> messages, Channel channel) {
        batches.apply(messages, channel, this::apply);
    }

    private void apply(Message message) {
        InboundMessage in = InboundMessage.from(message);
        if (!isEvent(in.type())) {
            skipUnknown(in);
            return;
        }
        Event event = decode(in);
        String messageId =
                in.messageId() != null ? in.messageId() : event.eventId().toString();
        if (!inbox.firstDelivery(messageId, in.type())) {
            log.debug("skipping {} {}: already consumed", in.type(), messageId);
            count(in.type(), "duplicate");
            return;
        }
        on(in.type(), event);
        count(in.type(), "consumed");
    }

    private void on(String type, Event event) {
        switch (event) {
            case DeploymentEvent deployment -> slack.record(deployment);
            case ApplicationRegistered registered -> pipelines.record(registered.spec());
            default -> {
                // only deployments have Slack messages; every event goes to WebSocket clients
            }
        }
        stream.publishAfterCommit(type, event);
    }

    private static boolean isEvent(String type) {
        return MessageTypes.classOf(type).filter(Event.class::isAssignableFrom).isPresent();
    }

    private void skipUnknown(InboundMessage in) {
        log.info(
                "skipping a message of unknown type '{}' (id {}); this notifier does not know it",
                in.type(),
                in.messageId());
        if (in.messageId() != null) {
            inbox.firstDelivery(in.messageId(), in.type());
        }
        count("(unknown)", "skipped");
    }

    private Event decode(InboundMessage in) {
        try {
            return (Event) in.decode();
        } catch (InvalidMessageException e) {
            log.warn("dead-lettering {} {} from {}: {}", in.type(), in.messageId(), in.appId(), e.getMessage());
            count(in.type(), "invalid");
            throw new AmqpRejectAndDontRequeueException(
                    "invalid " + in.type() + " event " + in.messageId() + ": " + e.getMessage(), e);
        }
    }

    private void count(String type, String outcome) {
        meters.counter("stagecraft.notifier.events", "type", type, "outcome", outcome)
                .increment();
    }
}
