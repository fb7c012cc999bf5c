package dev.stagecraft.deployer.deployment.messaging;

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
 * Declares {@code stagecraft.jobs.deployer-worker} (quorum, bound to {@code job.*}) and its DLQ, and the batch
 * listener container jobs are taken in with.
 */
@Configuration(proxyBeanMethods = false)
class JobQueueConfiguration {

    /** {@link Topology#JOBS_QUEUE}, as a constant for {@code @RabbitListener}. */
    static final String QUEUE = "stagecraft.jobs.deployer-worker";

    static final String LISTENER_FACTORY = "jobsListenerFactory";

    @Bean(LISTENER_FACTORY)
    SimpleRabbitListenerContainerFactory jobsListenerFactory(
            SimpleRabbitListenerContainerFactoryConfigurer configurer, ConnectionFactory connectionFactory) {
        return BatchDelivery.listenerFactory(configurer, connectionFactory);
    }

    @Bean
    BatchDelivery jobBatches(PlatformTransactionManager transactionManager) {
        return new BatchDelivery(transactionManager);
    }

    @Bean
    Declarables jobsQueue(MessagingProperties properties) {
        return StagecraftTopology.consumerQueue(
                Topology.JOBS_EXCHANGE, Topology.DEPLOYER_WORKER, properties.deliveryLimit(), "job.*");
    }
}
