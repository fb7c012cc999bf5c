package dev.stagecraft.notifier.messaging;

import dev.stagecraft.contracts.Topology;
import dev.stagecraft.messaging.BatchDelivery;
import dev.stagecraft.messaging.MessagingProperties;
import dev.stagecraft.messaging.StagecraftTopology;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Declares {@code stagecraft.events.notifier-service} (bound with {@code #}) and its dead-letter queue, and the batch
 * listener container its consumer runs in.
 */
@Configuration(proxyBeanMethods = false)
class EventsQueue {

    static final String NAME = "stagecraft.events.notifier-service";
    static final String LISTENER_FACTORY = "eventsListenerFactory";

    @Bean(LISTENER_FACTORY)
    SimpleRabbitListenerContainerFactory eventsListenerFactory(
            SimpleRabbitListenerContainerFactoryConfigurer configurer, ConnectionFactory connectionFactory) {
        return BatchDelivery.listenerFactory(configurer, connectionFactory);
    }

    @Bean
    BatchDelivery eventBatches(PlatformTransactionManager transactionManager) {
        return new BatchDelivery(transactionManager);
    }

    @Bean
    Declarables notifierEventsQueue(MessagingProperties properties) {
        return StagecraftTopology.consumerQueue(
                Topology.EVENTS_EXCHANGE, Topology.NOTIFIER_SERVICE, properties.deliveryLimit(), Topology.ALL);
    }
}
