package dev.stagecraft.command;

import dev.stagecraft.contracts.MessageCodec;
import dev.stagecraft.contracts.MessageTypes;
import java.util.ArrayList;
import java.util.List;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/** A queue of a test's own bound to an exchange, like any other consumer would bind one. */
public final class Tap implements AutoCloseable {

    private final RabbitTemplate rabbit;
    private final AmqpAdmin admin;
    private final Queue queue = new AnonymousQueue();
    private final List<Message> received = new ArrayList<>();

    Tap(RabbitTemplate rabbit, AmqpAdmin admin, String exchange, String bindingKey) {
        this.rabbit = rabbit;
        this.admin = admin;
        admin.declareQueue(queue);
        admin.declareBinding(BindingBuilder.bind(queue)
                .to(new TopicExchange(exchange, true, false))
                .with(bindingKey));
    }

    /** Everything received so far. */
    public synchronized List<Message> messages() {
        Message message;
        while ((message = rabbit.receive(queue.getName())) != null) {
            received.add(message);
        }
        return List.copyOf(received);
    }

    /** The messages of one type (AMQP {@code type} property), decoded and checked against the schema. */
    public <T> List<T> of(Class<T> type) {
        return messages().stream()
                .filter(m -> MessageTypes.typeOf(type)
                        .equals(m.getMessageProperties().getType()))
                .map(m -> MessageCodec.instance().decode(type, m.getBody()))
                .toList();
    }

    @Override
    public void close() {
        admin.deleteQueue(queue.getName());
    }
}
