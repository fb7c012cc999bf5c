package dev.stagecraft.bench;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import dev.stagecraft.contracts.MessageCodec;
import dev.stagecraft.contracts.Topology;
import dev.stagecraft.testsupport.IsolatedEnvironment;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The harness on the bus: its own queues bound with {@code #} to Stagecraft's three exchanges count every
 * message published (and its size); the one on {@code stagecraft.events} also tells when each deployment's
 * {@code deployment.succeeded} (or {@code .failed}) event arrived.
 */
final class Bus implements AutoCloseable {

    static final String SUCCEEDED = "deployment.succeeded";
    static final String FAILED = "deployment.failed";

    private final Connection connection;
    private final Map<String, CompletableFuture<Outcome>> outcomes = new ConcurrentHashMap<>();
    private final Map<String, Count> counts = new ConcurrentHashMap<>();
    private volatile @Nullable Recording recording;

    private Bus(Connection connection) {
        this.connection = connection;
    }

    static Bus connect(IsolatedEnvironment infra) throws IOException, TimeoutException {
        Bus bus = new Bus(connectionFactory(infra).newConnection("stagecraft-bench"));
        for (String exchange :
                new String[] {Topology.EVENTS_EXCHANGE, Topology.JOBS_EXCHANGE, Topology.COMMANDS_EXCHANGE}) {
            bus.listen(exchange);
        }
        return bus;
    }

    /** Connections to the run's virtual host, as the services have them. */
    static ConnectionFactory connectionFactory(IsolatedEnvironment infra) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(infra.rabbitHost());
        factory.setPort(infra.rabbitPort());
        factory.setUsername(infra.rabbitUser());
        factory.setPassword(infra.rabbitPassword());
        factory.setVirtualHost(infra.virtualHost());
        return factory;
    }

    private void listen(String exchange) throws IOException {
        Channel channel = connection.createChannel();
        channel.basicQos(1000);
        String queue = channel.queueDeclare("", false, true, true, null).getQueue();
        channel.queueBind(queue, exchange, Topology.ALL);
        Count count = counts.computeIfAbsent(exchange, e -> new Count());
        boolean events = exchange.equals(Topology.EVENTS_EXCHANGE);
        channel.basicConsume(queue, true, new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                long arrived = System.nanoTime();
                count.messages.increment();
                count.bytes.add(body.length);
                String type = envelope.getRoutingKey();
                Recording taking = recording;
                if (events && taking != null) {
                    taking.offer(type, properties, body);
                }
                if (events && (type.equals(SUCCEEDED) || type.equals(FAILED))) {
                    String deploymentId = MessageCodec.instance()
                            .mapper()
                            .readTree(body)
                            .path("deploymentId")
                            .asString();
                    outcome(deploymentId).complete(new Outcome(type, arrived));
                }
            }
        });
    }

    /**
     * Keeps every event of environment {@code app/environment} published from now on, as it arrived, until
     * {@link Recording#stop()}.
     */
    Recording record(String app, String environment) {
        Recording started = new Recording(app, environment);
        recording = started;
        return started;
    }

    /**
     * Publishes {@code messages} straight to {@code queue} through the default exchange, persistent, and waits for
     * the broker's confirms every thousand.
     */
    void publishToQueue(String queue, Iterable<Recorded> messages) throws IOException {
        try (Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            int unconfirmed = 0;
            for (Recorded message : messages) {
                channel.basicPublish("", queue, message.properties(), message.body());
                if (++unconfirmed == 1000) {
                    channel.waitForConfirmsOrDie(30_000);
                    unconfirmed = 0;
                }
            }
            channel.waitForConfirmsOrDie(30_000);
        } catch (TimeoutException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("the broker did not confirm the messages published to " + queue, e);
        }
    }

    /** Completes when the deployment's final event arrives (it may have arrived already). */
    CompletableFuture<Outcome> outcome(String deploymentId) {
        return outcomes.computeIfAbsent(deploymentId, id -> new CompletableFuture<>());
    }

    /** Forgets outcomes already taken, so that long runs keep little. */
    void forget(String deploymentId) {
        outcomes.remove(deploymentId);
    }

    /**
     * Messages waiting in Stagecraft's queues of the run's virtual host (not the harness's own): ready and
     * unacknowledged ones, as a passive declare reports them.
     */
    long backlog(List<String> queues) throws IOException {
        return backlogs(queues).values().stream().mapToLong(Long::longValue).sum();
    }

    /** The messages ready in each of {@code queues}, in their order. */
    Map<String, Long> backlogs(List<String> queues) throws IOException {
        Map<String, Long> waiting = new LinkedHashMap<>();
        for (String queue : queues) {
            try (Channel channel = connection.createChannel()) {
                waiting.put(queue, (long) channel.queueDeclarePassive(queue).getMessageCount());
            } catch (TimeoutException e) {
                throw new IOException("closing a channel timed out", e);
            }
        }
        return waiting;
    }

    /** Messages published to all three exchanges so far, and their bytes. */
    Tally tally() {
        long messages = 0;
        long bytes = 0;
        for (Count count : counts.values()) {
            messages += count.messages.sum();
            bytes += count.bytes.sum();
        }
        return new Tally(messages, bytes);
    }

    /** The broker's version, as it announced itself on connecting. */
    String serverVersion() {
        Object version = connection.getServerProperties().get("version");
        return version == null ? "unknown" : version.toString();
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }

    record Outcome(String type, long arrivedNanos) {
        boolean succeeded() {
            return type.equals(SUCCEEDED);
        }
    }

    record Tally(long messages, long bytes) {
        Tally minus(Tally earlier) {
            return new Tally(messages - earlier.messages, bytes - earlier.bytes);
        }
    }

    /** One message as it was delivered: routing key, properties and body. */
    record Recorded(String routingKey, AMQP.BasicProperties properties, byte[] body) {}

    /** The events of one environment, kept in the order they arrived. */
    final class Recording {

        private final String app;
        private final String environment;
        private final List<Recorded> events = new CopyOnWriteArrayList<>();

        private Recording(String app, String environment) {
            this.app = app;
            this.environment = environment;
        }

        private void offer(String routingKey, AMQP.BasicProperties properties, byte[] body) {
            JsonNode event = MessageCodec.instance().mapper().readTree(body);
            if (app.equals(event.path("app").asString())
                    && environment.equals(event.path("environment").asString())) {
                events.add(new Recorded(routingKey, properties, body));
            }
        }

        /** Stops recording; returns what was recorded. */
        List<Recorded> stop() {
            recording = null;
            return List.copyOf(events);
        }
    }

    private static final class Count {
        final LongAdder messages = new LongAdder();
        final LongAdder bytes = new LongAdder();
    }
}
