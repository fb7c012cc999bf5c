package dev.stagecraft.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.EnvironmentStatus;
import dev.stagecraft.contracts.EventId;
import dev.stagecraft.contracts.MessageCodec;
import dev.stagecraft.contracts.Topology;
import dev.stagecraft.contracts.event.EnvironmentStatusChanged;
import dev.stagecraft.testsupport.IsolatedEnvironment;
import dev.stagecraft.testsupport.TcpProxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox and inbox against the real broker and database: a message is sent if and only if its cause
 * commits, in the order it was stored, also when it was committed while the broker was unreachable; two relays
 * on one outbox never send a message twice; a message delivered twice has one effect.
 */
@SpringBootTest(classes = OutboxIT.App.class)
class OutboxIT {

    static final IsolatedEnvironment infra = IsolatedEnvironment.create("outbox");
    static final TcpProxy proxy = new TcpProxy(infra.rabbitHost(), infra.rabbitPort());
    static final String CONSUMER_QUEUE = Topology.eventsQueue("outbox-it-consumer");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        infra.register(registry);
        registry.add("spring.rabbitmq.port", proxy::port); // the service reaches the broker through the proxy
    }

    @AfterAll
    static void tearDown() {
        proxy.close();
        infra.close();
    }

    @Autowired
    Outbox outbox;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    /** A connection straight to the broker, which the proxy does not cut: the test's own eyes. */
    final RabbitTemplate direct = directTemplate(false);

    @Test
    void aMessageIsSentIfAndOnlyIfItsCauseCommits() {
        String watch = watchQueue();
        EnvironmentStatusChanged rolledBack = statusChanged();
        EnvironmentStatusChanged committed = statusChanged();

        transactions.executeWithoutResult(status -> {
            recordEffect(rolledBack.eventId().toString());
            outbox.publish(rolledBack);
            status.setRollbackOnly();
        });
        transactions.executeWithoutResult(status -> {
            recordEffect(committed.eventId().toString());
            outbox.publish(committed);
        });

        assertThat(messageIds(receive(watch, 1)))
                .containsExactly(committed.eventId().toString());
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> direct.receive(watch) == null);
        assertThat(effects(committed.eventId().toString())).isEqualTo(1);
        assertThat(effects(rolledBack.eventId().toString())).isZero();
        assertThat(stored(rolledBack.eventId().toString())).isZero();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> stored(committed.eventId().toString()) == 0);
    }

    @Test
    void twoThousandMessagesArriveInTheOrderTheyWereStored() {
        String watch = watchQueue();
        List<String> published = new ArrayList<>();
        for (int transaction = 0; transaction < 20; transaction++) {
            transactions.executeWithoutResult(status -> {
                for (int i = 0; i < 100; i++) {
                    EnvironmentStatusChanged event = statusChanged();
                    outbox.publish(event);
                    published.add(event.eventId().toString());
                }
            });
        }

        assertThat(messageIds(receive(watch, 2000))).containsExactlyElementsOf(published);
        await().atMost(Duration.ofSeconds(5)).until(() -> pending() == 0);
    }

    @Test
    void eventCommittedWhileBrokerIsUnreachableIsDeliveredOnceItIsBack() {
        String watch = watchQueue();
        proxy.cut();
        EnvironmentStatusChanged event = statusChanged();

        transactions.executeWithoutResult(status -> outbox.publish(event));

        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .until(() -> stored(event.eventId().toString()) == 1 && direct.receive(watch) == null);

        proxy.restore();

        Message delivered = receive(watch, 1).getFirst();
        var properties = delivered.getMessageProperties();
        assertThat(properties.getMessageId()).isEqualTo(event.eventId().toString());
        assertThat(properties.getType()).isEqualTo("environment.status-changed");
        assertThat(properties.getCorrelationId()).isEqualTo(event.commandId().toString());
        assertThat(properties.getContentType()).isEqualTo("application/json");
        assertThat(properties.getContentEncoding()).isEqualTo("UTF-8");
        assertThat(properties.getAppId()).isEqualTo("outbox-it");
        assertThat(properties.getTimestamp()).isNotNull();
        assertThat(properties.getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
        assertThat(properties.<String>getHeader(Topology.VERSION_HEADER)).isEqualTo("1");
        assertThat(properties.getReceivedRoutingKey()).isEqualTo("environment.status-changed");
        assertThat(MessageCodec.instance().decode(EnvironmentStatusChanged.class, delivered.getBody()))
                .isEqualTo(event);
        await().atMost(Duration.ofSeconds(5)).until(() -> stored(event.eventId().toString()) == 0);
    }

    /**
     * A second relay on the same table (as another instance of the service would run) with its own {@code
     * app_id}: both take part, and no message is published twice.
     */
    @Test
    void twoRelaysOnOneOutboxNeverPublishAMessageTwice() {
        String watch = watchQueue();
        MessagingProperties smallBatches = new MessagingProperties(
                null, Duration.ofSeconds(2), Duration.ofMillis(500), null, 100, null, null, 0, null, null);
        OutboxRelay second = new OutboxRelay(
                jdbc,
                transactionManager,
                directTemplate(true),
                new Envelopes("outbox-it-second", Clock.systemUTC()),
                smallBatches);
        second.start();
        try {
            Set<String> published = new HashSet<>();
            transactions.executeWithoutResult(status -> {
                for (int i = 0; i < 2000; i++) {
                    EnvironmentStatusChanged event = statusChanged();
                    outbox.publish(event);
                    published.add(event.eventId().toString());
                }
            });
            second.wake();

            List<Message> received = receive(watch, 2000);
            await().during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> direct.receive(watch) == null);
            assertThat(messageIds(received)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(published);
            assertThat(received)
                    .extracting(message -> message.getMessageProperties().getAppId())
                    .as("both relays published")
                    .contains("outbox-it", "outbox-it-second");
            assertThat(pending()).isZero();
        } finally {
            second.stop();
        }
    }

    @Test
    void messageDeliveredTwiceHasOneEffect() {
        String messageId = UUID.randomUUID().toString();
        Message message = MessageBuilder.withBody(MessageCodec.instance().encode(statusChanged()))
                .setMessageId(messageId)
                .setType("environment.status-changed")
                .build();

        direct.send(Topology.EVENTS_EXCHANGE, "test.effect", message);
        direct.send(Topology.EVENTS_EXCHANGE, "test.effect", message);

        await().atMost(Duration.ofSeconds(10)).until(() -> effects(messageId) >= 1);
        await().during(Duration.ofSeconds(1)).until(() -> effects(messageId) == 1);
        assertThat(jdbc.sql("SELECT count(*) FROM inbox_message WHERE message_id = ?")
                        .param(messageId)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void outboxRefusesToPublishOutsideATransaction() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> outbox.publish(statusChanged()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("@Transactional");
    }

    /** A queue of the test's own (exclusive, deleted with its connection) that sees every event from now on. */
    private String watchQueue() {
        RabbitAdmin admin = new RabbitAdmin(direct.getConnectionFactory());
        Queue queue = admin.declareQueue();
        admin.declareBinding(BindingBuilder.bind(queue)
                .to(new TopicExchange(Topology.EVENTS_EXCHANGE))
                .with("#"));
        return queue.getName();
    }

    private List<Message> receive(String queue, int count) {
        List<Message> received = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (Message message = direct.receive(queue); message != null; message = direct.receive(queue)) {
                received.add(message);
            }
            return received.size() >= count;
        });
        return received;
    }

    private static List<String> messageIds(List<Message> messages) {
        return messages.stream()
                .map(message -> message.getMessageProperties().getMessageId())
                .toList();
    }

    private long pending() {
        return jdbc.sql("SELECT count(*) FROM outbox_message").query(Long.class).single();
    }

    private long stored(String messageId) {
        return jdbc.sql("SELECT count(*) FROM outbox_message WHERE message_id = ?")
                .param(messageId)
                .query(Long.class)
                .single();
    }

    private void recordEffect(String messageId) {
        jdbc.sql("INSERT INTO effect (message_id) VALUES (?)").param(messageId).update();
    }

    private long effects(String messageId) {
        return jdbc.sql("SELECT count(*) FROM effect WHERE message_id = ?")
                .param(messageId)
                .query(Long.class)
                .single();
    }

    private static EnvironmentStatusChanged statusChanged() {
        return new EnvironmentStatusChanged(
                EventId.random(),
                Instant.parse("2026-11-23T10:15:30Z"),
                CommandId.random(),
                "alice",
                "shop",
                "qa",
                7,
                EnvironmentStatus.CREATE_PENDING,
                EnvironmentStatus.RUNNING,
                "1.8.0",
                null,
                null);
    }

    private static RabbitTemplate directTemplate(boolean confirms) {
        CachingConnectionFactory factory = new CachingConnectionFactory(infra.rabbitHost(), infra.rabbitPort());
        if (confirms) {
            factory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.SIMPLE);
        }
        factory.setUsername(infra.rabbitUser());
        factory.setPassword(infra.rabbitPassword());
        factory.setVirtualHost(infra.virtualHost());
        return new RabbitTemplate(factory);
    }

    @SpringBootApplication
    static class App {

        @Bean
        Declarables consumerQueue() {
            return StagecraftTopology.consumerQueue(Topology.EVENTS_EXCHANGE, "outbox-it-consumer", 10, "test.#");
        }

        @Bean
        EffectListener effectListener(Inbox inbox, JdbcClient jdbc) {
            return new EffectListener(inbox, jdbc);
        }
    }

    /** A consumer whose effect is a row: inbox and effect in one transaction. */
    static class EffectListener {

        private final Inbox inbox;
        private final JdbcClient jdbc;

        EffectListener(Inbox inbox, JdbcClient jdbc) {
            this.inbox = inbox;
            this.jdbc = jdbc;
        }

        @RabbitListener(queues = "stagecraft.events.outbox-it-consumer")
        @Transactional
        public void on(Message message) {
            InboundMessage in = InboundMessage.from(message);
            if (!inbox.firstDelivery(in.messageId(), in.type())) {
                return;
            }
            jdbc.sql("INSERT INTO effect (message_id) VALUES (?)")
                    .param(in.messageId())
                    .update();
        }
    }
}
