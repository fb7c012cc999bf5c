package dev.stagecraft.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import dev.stagecraft.contracts.Topology;
import dev.stagecraft.testsupport.IsolatedEnvironment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Deliveries consumed in batches: applied in one transaction with their inbox rows, in queue order; a batch with
 * an invalid message dead-letters only that one, and one whose handling fails for a moment is applied later, while
 * the rest of its batch is applied at once.
 */
@SpringBootTest(classes = BatchDeliveryIT.App.class)
class BatchDeliveryIT {

    static final IsolatedEnvironment infra = IsolatedEnvironment.create("batch-delivery");
    static final String QUEUE = "stagecraft.events.batch-it";
    static final String LISTENER = "batch-it";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        infra.register(registry);
        registry.add("stagecraft.messaging.redelivery-backoff", () -> "100ms");
    }

    @AfterAll
    static void tearDown() {
        infra.close();
    }

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RecordingListener listener;

    @Autowired
    RabbitListenerEndpointRegistry listeners;

    @BeforeEach
    void emptyTable() {
        listeners.getListenerContainer(LISTENER).stop();
        jdbc.sql("CREATE TABLE IF NOT EXISTS applied (position BIGSERIAL PRIMARY KEY, body TEXT NOT NULL)")
                .update();
        jdbc.sql("DELETE FROM applied").update();
        listener.batchSizes.clear();
    }

    @Test
    void aBacklogIsAppliedInBatchesInQueueOrderAndDuplicatesOnce() {
        for (int i = 0; i < 300; i++) {
            send("m-" + i, "id-" + i);
        }
        send("m-7 again", "id-7");

        listeners.getListenerContainer(LISTENER).start();

        await().atMost(Duration.ofSeconds(30)).until(() -> applied().size() == 300);
        assertThat(applied())
                .as("in queue order, the duplicate id skipped")
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 300)
                        .mapToObj(i -> "m-" + i)
                        .toList());
        assertThat(listener.batchSizes)
                .as("several messages per batch, at most the batch size")
                .anySatisfy(size -> assertThat(size).isGreaterThan(1))
                .allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(BatchDelivery.BATCH_SIZE));
        assertThat(rabbit.receive(QUEUE + ".dlq")).isNull();
    }

    @Test
    void anInvalidMessageIsDeadLetteredAndAFailingOneAppliedLaterWhileTheRestOfTheBatchIsApplied() {
        listener.failOnce.add("flaky");
        for (int i = 0; i < 20; i++) {
            send(i == 5 ? "invalid" : i == 12 ? "flaky" : "ok-" + i, "mixed-" + i);
        }

        listeners.getListenerContainer(LISTENER).start();

        await().atMost(Duration.ofSeconds(30)).until(() -> applied().contains("flaky"));
        assertThat(applied()).hasSize(19).doesNotContain("invalid").contains("ok-0", "ok-19");
        Message deadLettered = rabbit.receive(QUEUE + ".dlq", 5_000);
        assertThat(deadLettered).isNotNull();
        assertThat(new String(deadLettered.getBody(), StandardCharsets.UTF_8)).isEqualTo("invalid");
        assertThat(rabbit.receive(QUEUE + ".dlq", 500)).isNull();
    }

    private void send(String body, String messageId) {
        rabbit.send(
                Topology.EVENTS_EXCHANGE,
                "test.batch",
                MessageBuilder.withBody(body.getBytes(StandardCharsets.UTF_8))
                        .setMessageId(messageId)
                        .build());
    }

    private List<String> applied() {
        return jdbc.sql("SELECT body FROM applied ORDER BY position")
                .query(String.class)
                .list();
    }

    @SpringBootApplication
    static class App {

        @Bean
        Declarables batchQueue() {
            return StagecraftTopology.consumerQueue(Topology.EVENTS_EXCHANGE, "batch-it", 10, "test.batch");
        }

        @Bean
        RecordingListener recordingListener(BatchDelivery batches, Inbox inbox, JdbcClient jdbc) {
            return new RecordingListener(batches, inbox, jdbc);
        }
    }

    /** Records each message's body once (inbox); refuses "invalid", fails "flaky" the first time. */
    static class RecordingListener {

        final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        final Set<String> failOnce = ConcurrentHashMap.newKeySet();
        private final BatchDelivery batches;
        private final Inbox inbox;
        private final JdbcClient jdbc;

        RecordingListener(BatchDelivery batches, Inbox inbox, JdbcClient jdbc) {
            this.batches = batches;
            this.inbox = inbox;
            this.jdbc = jdbc;
        }

        @RabbitListener(
                id = LISTENER,
                queues = QUEUE,
                containerFactory = BatchDelivery.LISTENER_FACTORY,
                autoStartup = "false")
        public void receive(List<Message> messages, Channel channel) {
            batchSizes.add(messages.size());
            batches.apply(messages, channel, this::apply);
        }

        private void apply(Message message) {
            String body = new String(message.getBody(), StandardCharsets.UTF_8);
            if (body.equals("invalid")) {
                throw new AmqpRejectAndDontRequeueException("invalid message");
            }
            if (failOnce.remove(body)) {
                throw new IllegalStateException("database unreachable for a moment");
            }
            if (inbox.firstDelivery(message.getMessageProperties().getMessageId(), "test.batch")) {
                jdbc.sql("INSERT INTO applied (body) VALUES (?)").param(body).update();
            }
        }
    }
}
