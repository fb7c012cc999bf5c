package dev.stagecraft.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stagecraft.contracts.Topology;
import dev.stagecraft.testsupport.IsolatedEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A message whose handling fails for a while (the database is down, say) is redelivered with a pause that
 * grows, and handled once the cause is gone, instead of using up the queue's delivery limit at once and
 * being dead-lettered.
 */
@SpringBootTest(classes = RedeliveryIT.App.class)
class RedeliveryIT {

    static final IsolatedEnvironment infra = IsolatedEnvironment.create("redelivery");
    static final String QUEUE = "stagecraft.events.redelivery-it";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        infra.register(registry);
        registry.add("stagecraft.messaging.redelivery-backoff", () -> "200ms");
        registry.add("stagecraft.messaging.redelivery-backoff-max", () -> "400ms");
    }

    @AfterAll
    static void tearDown() {
        infra.close();
    }

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    FlakyListener listener;

    @Test
    void aMessageThatKeepsFailingForAWhileIsRedeliveredWithPausesAndFinallyHandled() {
        listener.failFirst(5);

        rabbit.send(
                Topology.EVENTS_EXCHANGE,
                "test.flaky",
                MessageBuilder.withBody("{}".getBytes()).build());

        await().atMost(Duration.ofSeconds(30)).until(() -> listener.handled);
        assertThat(listener.deliveryCounts)
                .as("the x-delivery-count of each delivery, 5 failures then success")
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(listener.gapsMillis().subList(1, 5))
                .as("pauses of 200, 400, 400, 400 ms between deliveries (1 s at the most with a busy machine)")
                .allSatisfy(gap -> assertThat(gap).isBetween(150L, 5_000L));
        assertThat(rabbit.receive(QUEUE + ".dlq")).isNull();
    }

    @SpringBootApplication
    static class App {

        @Bean
        Declarables flakyQueue() {
            return StagecraftTopology.consumerQueue(Topology.EVENTS_EXCHANGE, "redelivery-it", 10, "test.flaky");
        }

        @Bean
        FlakyListener flakyListener() {
            return new FlakyListener();
        }
    }

    /** Fails the first deliveries, as a listener does while its database is unreachable. */
    static class FlakyListener {

        final List<Long> deliveryCounts = new CopyOnWriteArrayList<>();
        final List<Long> arrivals = new CopyOnWriteArrayList<>();
        volatile int failures;
        volatile boolean handled;

        void failFirst(int count) {
            failures = count;
        }

        List<Long> gapsMillis() {
            return java.util.stream.IntStream.range(0, arrivals.size())
                    .mapToObj(i -> i == 0 ? 0L : arrivals.get(i) - arrivals.get(i - 1))
                    .toList();
        }

        @RabbitListener(queues = QUEUE)
        public void on(Message message) {
            Object count = message.getMessageProperties().getHeader(RedeliveryBackoff.DELIVERY_COUNT);
            deliveryCounts.add(count instanceof Number number ? number.longValue() : 0L);
            arrivals.add(System.nanoTime() / 1_000_000);
            if (deliveryCounts.size() <= failures) {
                throw new IllegalStateException("database unreachable (delivery " + deliveryCounts.size() + ")");
            }
            handled = true;
        }
    }
}
