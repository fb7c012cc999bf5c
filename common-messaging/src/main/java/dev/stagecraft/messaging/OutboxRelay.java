package dev.stagecraft.messaging;

import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Relays committed outbox messages to RabbitMQ and waits for the broker's publisher confirm. A
 * publication that fails (broker unreachable, nack, no confirm in time) stays incomplete in Spring
 * Modulith's registry and is resubmitted periodically, so it is delivered once the broker is back.
 * One relay thread keeps the messages of this service in commit order.
 */
public class OutboxRelay {

    static final String EXECUTOR = "stagecraftOutboxExecutor";

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final RabbitTemplate rabbit;
    private final Envelopes envelopes;
    private final IncompleteEventPublications incomplete;
    private final MessagingProperties properties;

    public OutboxRelay(
            RabbitTemplate rabbit,
            Envelopes envelopes,
            IncompleteEventPublications incomplete,
            MessagingProperties properties) {
        this.rabbit = rabbit;
        this.envelopes = envelopes;
        this.incomplete = incomplete;
        this.properties = properties;
    }

    @Async(EXECUTOR)
    @TransactionalEventListener
    public void on(OutboundMessage message) {
        try {
            rabbit.invoke(operations -> {
                operations.send(message.exchange(), message.routingKey(), envelopes.toAmqp(message));
                operations.waitForConfirmsOrDie(properties.confirmTimeout().toMillis());
                return null;
            });
        } catch (AmqpException e) {
            log.warn(
                    "could not publish {} {} to {}; it stays in the outbox and will be retried: {}",
                    message.type(),
                    message.messageId(),
                    message.exchange(),
                    e.getMessage());
            throw e;
        }
    }

    /** Retries publications that failed, e.g. while the broker was unreachable. */
    @Scheduled(
            fixedDelayString = "${stagecraft.messaging.resubmit-interval:5s}",
            initialDelayString = "${stagecraft.messaging.resubmit-interval:5s}",
            timeUnit = TimeUnit.MILLISECONDS)
    public void resubmitFailed() {
        incomplete.resubmitIncompletePublicationsOlderThan(properties.resubmitOlderThan());
    }
}
