package dev.stagecraft.messaging;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Relays committed outbox messages ({@code outbox_message}) to RabbitMQ in batches, on one thread per service
 * instance.
 *
 * <p>Why batched: the broker confirms a publication only after it is durable (for quorum queues, a Raft
 * fsync), and a commit costs an fsync of the database too. Paying both per message on one thread capped a
 * service at a few hundred messages a second; paying them per batch of up to {@code
 * stagecraft.messaging.relay-batch-size} messages lets the relay keep up with any burst a service produces.
 *
 * <p>One round: in a transaction, lock the oldest rows with {@code SELECT … ORDER BY id LIMIT :batch FOR UPDATE
 * SKIP LOCKED}, publish them all on one channel, wait once for the broker's publisher confirms ({@code
 * stagecraft.messaging.confirm-timeout}), delete them and commit. If anything fails (broker unreachable, a nack,
 * no confirm in time, a database error) the transaction rolls back, the rows stay, the failure is logged once per
 * outage (not per message) and the round is retried after {@code stagecraft.messaging.resubmit-interval}.
 *
 * <p>Guarantees:
 *
 * <ul>
 *   <li><b>At least once.</b> A message is deleted only after the broker confirmed it. A crash (or a lost
 *       commit) after the confirm and before the delete commits sends the batch again: consumers deduplicate by
 *       message id with their {@link Inbox}.
 *   <li><b>Order within a relay.</b> A relay publishes the rows it sees in id order (the order their {@code
 *       INSERT}s ran), one batch after the other. Messages whose order matters are ordered further by their
 *       transactions: the events of one environment take its {@link EventSequences} row lock before they are
 *       stored, so their ids follow their commit order.
 *   <li><b>Across instances.</b> Several instances of one service share the table. {@code SKIP LOCKED} hands each
 *       row to one relay at a time, so two running relays never publish a row concurrently; the rows of an
 *       instance that died are taken over by the others once its connection drops (its locks go with it). Two
 *       relays publishing concurrently publish two disjoint batches, so the service's messages are not in one
 *       global order then: consumers rely on per-environment sequences, not on arrival order.
 * </ul>
 *
 * <p>The relay sleeps while the outbox is empty until a commit of this instance wakes it ({@link #wake()}, called
 * by the {@link Outbox} after commit) or {@code stagecraft.messaging.relay-poll-interval} passes, so messages
 * committed by another instance or before a restart are sent too. On shutdown it flushes what it can for up to
 * {@code stagecraft.messaging.relay-shutdown-timeout}; what is left is sent by another instance or after the
 * restart.
 */
public class OutboxRelay implements SmartLifecycle {

    /**
     * Stops after the listener containers and the web server (which may still store messages while they finish)
     * and before the connection factory and data source are closed.
     */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private static final String LOCK_BATCH = """
            SELECT id, exchange, routing_key, type, message_id, correlation_id, body
            FROM outbox_message
            ORDER BY id
            LIMIT :batch
            FOR UPDATE SKIP LOCKED""";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final RabbitTemplate rabbit;
    private final Envelopes envelopes;
    private final MessagingProperties properties;
    private final Semaphore wakeUp = new Semaphore(0);

    private volatile boolean running;
    private @Nullable Thread thread;
    private boolean failing;

    public OutboxRelay(
            JdbcClient jdbc,
            PlatformTransactionManager transactionManager,
            RabbitTemplate rabbit,
            Envelopes envelopes,
            MessagingProperties properties) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.rabbit = rabbit;
        this.envelopes = envelopes;
        this.properties = properties;
    }

    /** Something was committed to the outbox: relay it now rather than at the next poll. Cheap; never blocks. */
    public void wake() {
        if (wakeUp.availablePermits() == 0) {
            wakeUp.release();
        }
    }

    /**
     * Relays one batch of the oldest unlocked rows: publishes them, waits for their confirms, deletes them.
     *
     * @return how many messages were relayed; 0 when there was nothing to relay
     * @throws RuntimeException when the broker or the database failed; the rows stay in the outbox
     */
    public int relayBatch() {
        Integer relayed = transactions.execute(status -> {
            List<Row> rows = jdbc.sql(LOCK_BATCH)
                    .param("batch", properties.relayBatchSize())
                    .query(OutboxRelay::row)
                    .list();
            if (rows.isEmpty()) {
                return 0;
            }
            publishConfirmed(rows);
            Long[] ids = rows.stream().map(Row::id).toArray(Long[]::new);
            jdbc.sql("DELETE FROM outbox_message WHERE id = ANY(?)").param(ids).update();
            return rows.size();
        });
        return relayed == null ? 0 : relayed;
    }

    private void publishConfirmed(List<Row> rows) {
        rabbit.invoke(channel -> {
            for (Row row : rows) {
                OutboundMessage message = row.message();
                channel.send(message.exchange(), message.routingKey(), envelopes.toAmqp(message));
            }
            channel.waitForConfirmsOrDie(properties.confirmTimeout().toMillis());
            return null;
        });
    }

    private void run() {
        while (running) {
            try {
                int relayed = relayBatch();
                recovered();
                if (relayed < properties.relayBatchSize()) {
                    await(properties.relayPollInterval());
                }
            } catch (RuntimeException e) {
                failed(e);
                await(properties.resubmitInterval());
            }
        }
        flush();
    }

    /** On shutdown: relay what is left until the outbox is empty, a round fails or the time is up. */
    private void flush() {
        long deadline = System.nanoTime() + properties.relayShutdownTimeout().toNanos();
        try {
            while (System.nanoTime() < deadline && relayBatch() > 0) {
                // next batch
            }
        } catch (RuntimeException e) {
            log.warn(
                    "outbox relay stopped with messages left in outbox_message; "
                            + "another instance or the next start sends them: {}",
                    e.getMessage());
        }
    }

    private void await(Duration timeout) {
        try {
            wakeUp.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
            wakeUp.drainPermits();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void failed(RuntimeException e) {
        if (!failing) {
            failing = true;
            log.warn(
                    "outbox relay cannot publish; messages stay in outbox_message and are retried every {} "
                            + "until it succeeds (logged once per outage): {}",
                    properties.resubmitInterval(),
                    e.toString());
        } else {
            log.debug("outbox relay still cannot publish: {}", e.toString());
        }
    }

    private void recovered() {
        if (failing) {
            failing = false;
            log.info("outbox relay publishes again");
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        Thread relay = new Thread(this::run, "outbox-relay");
        relay.setDaemon(true);
        relay.start();
        thread = relay;
    }

    @Override
    public synchronized void stop() {
        running = false;
        wake();
        Thread relay = thread;
        if (relay == null) {
            return;
        }
        try {
            relay.join(properties
                    .relayShutdownTimeout()
                    .plus(properties.confirmTimeout())
                    .plusSeconds(1)
                    .toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    private static Row row(ResultSet rs, int rowNum) throws SQLException {
        return new Row(
                rs.getLong("id"),
                new OutboundMessage(
                        rs.getString("exchange"),
                        rs.getString("routing_key"),
                        rs.getString("type"),
                        rs.getString("message_id"),
                        rs.getString("correlation_id"),
                        rs.getString("body")));
    }

    private record Row(long id, OutboundMessage message) {}
}
