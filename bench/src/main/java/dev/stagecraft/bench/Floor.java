package dev.stagecraft.bench;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.MessageProperties;
import dev.stagecraft.testsupport.IsolatedEnvironment;
import java.io.IOException;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The floor under every deployment, measured on the same broker and database as the run: one AMQP publish with a
 * publisher confirm until its delivery to a consumer (persistent message, durable quorum queue behind a topic
 * exchange, manual ack, as Stagecraft's own messages travel), and one single-row PostgreSQL insert and commit.
 */
final class Floor {

    private static final String EXCHANGE = "bench.floor";
    private static final String QUEUE = "bench.floor";

    private final IsolatedEnvironment infra;

    Floor(IsolatedEnvironment infra) {
        this.infra = infra;
    }

    /** {@code iterations} sequential round trips of a {@code messageBytes} message, after a warm-up. */
    Latencies.Summary amqpRoundTrip(int messageBytes, int iterations)
            throws IOException, TimeoutException, InterruptedException {
        ConnectionFactory factory = Bus.connectionFactory(infra);
        try (Connection publishing = factory.newConnection("bench-floor-publisher");
                Connection consuming = factory.newConnection("bench-floor-consumer")) {
            Channel publisher = publishing.createChannel();
            publisher.exchangeDeclare(EXCHANGE, "topic", true);
            publisher.queueDeclare(QUEUE, true, false, false, Map.of("x-queue-type", "quorum"));
            publisher.queueBind(QUEUE, EXCHANGE, "#");
            publisher.confirmSelect();
            Channel consumer = consuming.createChannel();
            consumer.basicQos(10);
            SynchronousQueue<Long> deliveries = new SynchronousQueue<>();
            consumer.basicConsume(QUEUE, false, new DefaultConsumer(consumer) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
                        throws IOException {
                    long arrived = System.nanoTime();
                    getChannel().basicAck(envelope.getDeliveryTag(), false);
                    try {
                        deliveries.put(arrived);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            byte[] body = new byte[Math.max(1, messageBytes)];
            Arrays.fill(body, (byte) 'x');
            Latencies latencies = new Latencies();
            int warmUp = Math.max(50, iterations / 10);
            for (int i = 0; i < warmUp + iterations; i++) {
                long sent = System.nanoTime();
                publisher.basicPublish(EXCHANGE, "floor", MessageProperties.PERSISTENT_BASIC, body);
                publisher.waitForConfirmsOrDie(5_000);
                Long arrived = deliveries.poll(5, TimeUnit.SECONDS);
                if (arrived == null) {
                    throw new IllegalStateException("a floor message did not arrive within 5 s");
                }
                if (i >= warmUp) {
                    latencies.recordNanos(Math.max(arrived, System.nanoTime()) - sent);
                }
            }
            publisher.queueDelete(QUEUE);
            publisher.exchangeDelete(EXCHANGE);
            return latencies.summary();
        }
    }

    /** {@code iterations} sequential single-row inserts, each its own transaction, after a warm-up. */
    Latencies.Summary postgresInsertCommit(int rowBytes, int iterations) throws SQLException {
        try (var connection =
                DriverManager.getConnection(infra.jdbcUrl(), infra.databaseUser(), infra.databasePassword())) {
            try (Statement ddl = connection.createStatement()) {
                ddl.execute(
                        "CREATE TABLE IF NOT EXISTS public.bench_floor "
                                + "(id bigserial PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now(), payload text NOT NULL)");
            }
            connection.setAutoCommit(false);
            String payload = "x".repeat(Math.max(1, rowBytes));
            Latencies latencies = new Latencies();
            int warmUp = Math.max(50, iterations / 10);
            try (PreparedStatement insert =
                    connection.prepareStatement("INSERT INTO public.bench_floor (payload) VALUES (?)")) {
                for (int i = 0; i < warmUp + iterations; i++) {
                    long started = System.nanoTime();
                    insert.setString(1, payload);
                    insert.executeUpdate();
                    connection.commit();
                    if (i >= warmUp) {
                        latencies.recordNanos(System.nanoTime() - started);
                    }
                }
            }
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("DROP TABLE public.bench_floor");
            }
            connection.commit();
            return latencies.summary();
        }
    }

    /** Transactions committed in the run's database so far ({@code pg_stat_database.xact_commit}). */
    long committedTransactions() throws SQLException {
        try (var connection =
                        DriverManager.getConnection(infra.jdbcUrl(), infra.databaseUser(), infra.databasePassword());
                Statement query = connection.createStatement();
                var result = query.executeQuery(
                        "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")) {
            result.next();
            return result.getLong(1);
        }
    }
}
