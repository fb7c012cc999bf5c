package dev.stagecraft.notifier.messaging;

import dev.stagecraft.contracts.Topology;
import dev.stagecraft.messaging.MessagingProperties;
import dev.stagecraft.messaging.StagecraftTopology;
import org.springframework.amqp.core.Declarables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Declares {@code stagecraft.events.notifier-service} (bound with {@code #}) and its dead-letter queue; its consumer
 * runs in common-messaging's batch listener container ({@code BatchDelivery.LISTENER_FACTORY}).
 */
@Configuration(proxyBeanMethods = false)
class EventsQueue {

    static final String NAME = "stagecraft.events.notifier-service";

    @Bean
    Declarables notifierEventsQueue(MessagingProperties properties) {
        return StagecraftTopology.consumerQueue(
                Topology.EVENTS_EXCHANGE, Topology.NOTIFIER_SERVICE, properties.deliveryLimit(), Topology.ALL);
    }
}
