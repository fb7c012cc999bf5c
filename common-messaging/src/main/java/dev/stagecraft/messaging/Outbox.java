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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Publishes Stagecraft messages through the transactional outbox: the encoded message is inserted into {@code
 * outbox_message} in the same database transaction as the state change that causes it, so it is sent if and only
 * if that change commits. After the commit the {@link OutboxRelay} is woken and sends it, at least once, with
 * publisher confirms (see there for the guarantees).
 */
public class Outbox {

    private static final String INSERT = """
            INSERT INTO outbox_message (exchange, routing_key, type, message_id, correlation_id, body)
            VALUES (?, ?, ?, ?, ?, ?)""";

    private final JdbcClient jdbc;
    private final MessageCodec codec = MessageCodec.instance();
    private final TransactionSynchronization wakeRelayAfterCommit;

    public Outbox(JdbcClient jdbc, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.wakeRelayAfterCommit = new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wake();
            }
        };
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
        jdbc.sql(INSERT)
                .params(
                        exchange,
                        MessageTypes.routingKeyOf(message),
                        MessageTypes.typeOf(message),
                        messageId,
                        correlation == null ? null : correlation.toString(),
                        codec.encodeToString(message))
                .update();
        wakeRelayAfterCommit();
    }

    /** Once per transaction; without synchronization (unusual) the relay's poll finds the message. */
    private void wakeRelayAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()
                && !TransactionSynchronizationManager.getSynchronizations().contains(wakeRelayAfterCommit)) {
            TransactionSynchronizationManager.registerSynchronization(wakeRelayAfterCommit);
        }
    }
}
