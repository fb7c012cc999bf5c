package dev.stagecraft.messaging;

import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Consumes deliveries in batches: a listener that receives up to {@link #BATCH_SIZE} messages at once applies them
 * all in one database transaction (each with its inbox row, in queue order) and acknowledges them together, so a
 * busy queue costs one commit per batch instead of one per message. When the batch fails, every message of it is
 * applied again on its own: a message refused as invalid ({@link AmqpRejectAndDontRequeueException}) is
 * dead-lettered, one that fails otherwise (the database is down) goes back to the queue and counts against its
 * delivery limit, and the others are applied. A quiet queue hands a message over as soon as no next one arrives
 * within {@link #RECEIVE_TIMEOUT}.
 */
public final class BatchDelivery {

    /**
     * The name of the listener container factory for batch listeners that {@link MessagingAutoConfiguration}
     * declares: {@code @RabbitListener(queues = …, containerFactory = BatchDelivery.LISTENER_FACTORY)}.
     */
    public static final String LISTENER_FACTORY = "stagecraftBatchListenerFactory";

    /** The most messages applied in one transaction. */
    public static final int BATCH_SIZE = 100;

    /** How long a consumer waits for the next message before it hands over a partial batch. */
    public static final Duration RECEIVE_TIMEOUT = Duration.ofMillis(5);

    private static final Logger log = LoggerFactory.getLogger(BatchDelivery.class);

    private final TransactionTemplate transactions;

    public BatchDelivery(PlatformTransactionManager transactionManager) {
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /**
     * A listener container factory for batch listeners ({@code void receive(List<Message>, Channel)}) with the
     * service's {@code spring.rabbitmq.listener.simple.*} settings, consumer-side batches and manual
     * acknowledgement by {@link #apply}.
     */
    public static SimpleRabbitListenerContainerFactory listenerFactory(
            SimpleRabbitListenerContainerFactoryConfigurer configurer, ConnectionFactory connectionFactory) {
        SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
        configurer.configure(factory, connectionFactory);
        factory.setBatchListener(true);
        factory.setConsumerBatchEnabled(true);
        factory.setBatchSize(BATCH_SIZE);
        factory.setPrefetchCount(2 * BATCH_SIZE);
        factory.setReceiveTimeout(RECEIVE_TIMEOUT.toMillis());
        factory.setAcknowledgeMode(AcknowledgeMode.MANUAL);
        return factory;
    }

    /** Applies {@code messages} with {@code handler} as described above and acknowledges each of them. */
    public void apply(List<Message> messages, Channel channel, Consumer<Message> handler) {
        if (messages.isEmpty()) {
            return;
        }
        try {
            if (messages.size() > 1) {
                try {
                    transactions.executeWithoutResult(status -> messages.forEach(handler));
                    channel.basicAck(tag(messages.getLast()), true);
                    return;
                } catch (RuntimeException batchFailed) {
                    log.debug(
                            "a batch of {} messages failed ({}); applying them one at a time",
                            messages.size(),
                            batchFailed.getMessage());
                }
            }
            for (Message message : messages) {
                applyAlone(message, channel, handler);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot acknowledge deliveries: " + e.getMessage(), e);
        }
    }

    private void applyAlone(Message message, Channel channel, Consumer<Message> handler) throws IOException {
        try {
            transactions.executeWithoutResult(status -> handler.accept(message));
            channel.basicAck(tag(message), false);
        } catch (AmqpRejectAndDontRequeueException refused) {
            channel.basicReject(tag(message), false);
        } catch (RuntimeException failed) {
            log.warn(
                    "cannot apply {} {}; it goes back to the queue: {}",
                    message.getMessageProperties().getType(),
                    message.getMessageProperties().getMessageId(),
                    failed.getMessage());
            channel.basicNack(tag(message), false, true);
        }
    }

    private static long tag(Message message) {
        return message.getMessageProperties().getDeliveryTag();
    }
}
