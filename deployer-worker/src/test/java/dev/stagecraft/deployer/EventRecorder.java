package dev.stagecraft.deployer.deployment;

import dev.stagecraft.contracts.event.Event;
import dev.stagecraft.messaging.InboundMessage;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A queue of the test's own bound to every event on {@code stagecraft.events}; records each event in the
 * order received, decoded and validated against its JSON Schema.
 */
@TestConfiguration(proxyBeanMethods = false)
class EventRecorder {

    static final String QUEUE = "deployer-it.events";

    private final List<Event> received = new CopyOnWriteArrayList<>();

    @Bean
    Declarables recordedEvents() {
        Queue queue = new Queue(QUEUE, false, false, true);
        return new Declarables(
                queue,
                BindingBuilder.bind(queue)
                        .to(new TopicExchange("stagecraft.events"))
                        .with("#"));
    }

    @RabbitListener(queues = QUEUE)
    void on(Message message) {
        received.add((Event) InboundMessage.from(message).decode());
    }

    List<Event> all() {
        return List.copyOf(received);
    }

    List<Event> of(String app, String environment) {
        return received.stream()
                .filter(e -> Objects.equals(e.app(), app) && Objects.equals(e.environment(), environment))
                .toList();
    }

    <T extends Event> List<T> of(String app, String environment, Class<T> type) {
        return of(app, environment).stream()
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }
}
