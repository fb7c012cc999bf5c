package dev.stagecraft.deployer.deployment.messaging;

import dev.stagecraft.contracts.Topology;
import dev.stagecraft.messaging.MessagingProperties;
import dev.stagecraft.messaging.StagecraftTopology;
import org.springframework.amqp.core.Declarables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Declares {@code stagecraft.jobs.deployer-worker} (quorum, bound to {@code job.*}) and its DLQ. */
@Configuration(proxyBeanMethods = false)
class JobQueueConfiguration {

    /** {@link Topology#JOBS_QUEUE}, as a constant for {@code @RabbitListener}. */
    static final String QUEUE = "stagecraft.jobs.deployer-worker";

    @Bean
    Declarables jobsQueue(MessagingProperties properties) {
        return StagecraftTopology.consumerQueue(
                Topology.JOBS_EXCHANGE, Topology.DEPLOYER_WORKER, properties.deliveryLimit(), "job.*");
    }
}
