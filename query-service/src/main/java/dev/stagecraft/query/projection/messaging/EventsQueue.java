package dev.stagecraft.query.projection.messaging;

import dev.stagecraft.contracts.Topology;
import dev.stagecraft.messaging.MessagingProperties;
import dev.stagecraft.messaging.StagecraftTopology;
import org.springframework.amqp.core.Declarables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Declares {@code stagecraft.events.query-service} (every event, binding {@code #}) and its dead-letter queue; its
 * one consumer runs in common-messaging's batch listener container ({@code BatchDelivery.LISTENER_FACTORY}).
 */
@Configuration(proxyBeanMethods = false)
class EventsQueue {

    static final String NAME = Topology.EVENTS_EXCHANGE + "." + Topology.QUERY_SERVICE;

    @Bean
    Declarables queryServiceEventsQueue(MessagingProperties messaging) {
        return StagecraftTopology.consumerQueue(
                Topology.EVENTS_EXCHANGE, Topology.QUERY_SERVICE, messaging.deliveryLimit(), Topology.ALL);
    }
}
