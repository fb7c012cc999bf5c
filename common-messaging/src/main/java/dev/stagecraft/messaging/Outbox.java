package dev.stagecraft.messaging;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.MessageCodec;
import dev.stagecraft.contracts.MessageTypes;
import dev.stagecraft.contracts.Topology;
import dev.stagecraft.contracts.command.Command;
import dev.stagecraft.contracts.event.Event;
import dev.stagecraft.contracts.job.Job;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Publishes Stagecraft messages through the transactional outbox: the message is stored in the same
 * database transaction as the state change that causes it, and relayed to the broker after commit by
 * {@link OutboxRelay}; a publication the broker did not confirm is retried until it is.
 */
public class Outbox {

    private final ApplicationEventPublisher publisher;
    private final MessageCodec codec = MessageCodec.instance();

    public Outbox(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    public void publish(Event event) {
        send(Topology.EVENTS_EXCHANGE, event, event.eventId().toString(), event.commandId());
    }

    public void publish(Job job) {
        send(Topology.JOBS_EXCHANGE, job, UUID.randomUUID().toString(), job.commandId());
    }

    public void publish(Command command) {
        send(Topology.COMMANDS_EXCHANGE, command, command.commandId().toString(), command.commandId());
    }

    private void send(String exchange, Object message, String messageId, @Nullable CommandId correlation) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("the outbox publishes only within a transaction; "
                    + "annotate the caller with @Transactional so the message commits with its cause");
        }
        publisher.publishEvent(new OutboundMessage(
                exchange,
                MessageTypes.routingKeyOf(message),
                MessageTypes.typeOf(message),
                messageId,
                correlation == null ? null : correlation.toString(),
                codec.encodeToString(message)));
    }
}
