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
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox and inbox against the real broker and database: an event committed while the broker is
 * unreachable is delivered once it is back, and a message delivered twice has one effect.
 */
@SpringBootTest(classes = OutboxIT.App.class)
class OutboxIT {

    static final IsolatedEnvironment infra = IsolatedEnvironment.create("outbox");
    static final TcpProxy proxy = new TcpProxy(infra.rabbitHost(), infra.rabbitPort());
    static final String WATCH_QUEUE = Topology.eventsQueue("outbox-it-watch");
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

    /** A connection straight to the broker, which the proxy does not cut: the test's own eyes. */
    final RabbitTemplate direct = directTemplate();

    @Test
    void eventCommittedWhileBrokerIsUnreachableIsDeliveredOnceItIsBack() {
        proxy.cut();
        EnvironmentStatusChanged event = statusChanged();

        transactions.executeWithoutResult(status -> outbox.publish(event));

        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .until(() -> pendingPublications() == 1 && direct.receive(WATCH_QUEUE) == null);

        proxy.restore();

        Message delivered = await().atMost(Duration.ofSeconds(20))
                .until(() -> direct.receive(WATCH_QUEUE), message -> message != null);
        var properties = delivered.getMessageProperties();
        assertThat(properties.getMessageId()).isEqualTo(event.eventId().toString());
        assertThat(properties.getType()).isEqualTo("environment.status-changed");
        assertThat(properties.getCorrelationId()).isEqualTo(event.commandId().toString());
        assertThat(properties.getContentType()).isEqualTo("application/json");
        assertThat(properties.getAppId()).isEqualTo("outbox-it");
        assertThat(properties.getTimestamp()).isNotNull();
        assertThat(properties.<String>getHeader(Topology.VERSION_HEADER)).isEqualTo("1");
        assertThat(properties.getReceivedRoutingKey()).isEqualTo("environment.status-changed");
        assertThat(MessageCodec.instance().decode(EnvironmentStatusChanged.class, delivered.getBody()))
                .isEqualTo(event);
        await().atMost(Duration.ofSeconds(5)).until(() -> pendingPublications() == 0);
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

    private long pendingPublications() {
        return jdbc.sql("SELECT count(*) FROM event_publication WHERE completion_date IS NULL")
                .query(Long.class)
                .single();
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

    private static RabbitTemplate directTemplate() {
        CachingConnectionFactory factory = new CachingConnectionFactory(infra.rabbitHost(), infra.rabbitPort());
        factory.setUsername(infra.rabbitUser());
        factory.setPassword(infra.rabbitPassword());
        factory.setVirtualHost(infra.virtualHost());
        return new RabbitTemplate(factory);
    }

    @SpringBootApplication
    static class App {

        @Bean
        Declarables watchQueue() {
            return StagecraftTopology.consumerQueue(Topology.EVENTS_EXCHANGE, "outbox-it-watch", 10, "#");
        }

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
