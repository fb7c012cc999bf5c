package dev.stagecraft.messaging;

import dev.stagecraft.contracts.Topology;
import java.util.ArrayList;
import java.util.List;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;

/**
 * Declares the topology of DESIGN.md §3: durable topic exchanges, and per consumer group a durable quorum
 * queue whose rejected or too-often-redelivered messages go to its dead-letter queue {@code <queue>.dlq}.
 */
public final class StagecraftTopology {

    private StagecraftTopology() {}

    public static Declarables exchanges() {
        return new Declarables(
                exchange(Topology.COMMANDS_EXCHANGE),
                exchange(Topology.JOBS_EXCHANGE),
                exchange(Topology.EVENTS_EXCHANGE));
    }

    public static TopicExchange exchange(String name) {
        return new TopicExchange(name, true, false);
    }

    /** The queue {@code <exchange>.<group>} with its DLQ, bound to {@code exchange} with each binding key. */
    public static Declarables consumerQueue(String exchange, String group, int deliveryLimit, String... bindingKeys) {
        String name = Topology.queue(exchange, group);
        Queue deadLetters =
                QueueBuilder.durable(Topology.deadLetterQueue(name)).quorum().build();
        Queue queue = QueueBuilder.durable(name)
                .quorum()
                .deliveryLimit(deliveryLimit)
                .deadLetterExchange("")
                .deadLetterRoutingKey(deadLetters.getName())
                .build();
        List<Declarable> declarables = new ArrayList<>(List.of(queue, deadLetters));
        for (String key : bindingKeys) {
            Binding binding = BindingBuilder.bind(queue).to(exchange(exchange)).with(key);
            declarables.add(binding);
        }
        return new Declarables(declarables);
    }
}
