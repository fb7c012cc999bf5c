package dev.stagecraft.messaging;

import java.time.Clock;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Wires the outbox, inbox, sequences and exchanges into every service that has this module. Services rely on it
 * for {@code @EnableScheduling} (their {@code @Scheduled} pollers) and {@code @EnableAsync} (command-service's
 * auto-promotion).
 */
@AutoConfiguration
@EnableAsync
@EnableScheduling
@EnableConfigurationProperties(MessagingProperties.class)
public class MessagingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Envelopes envelopes(
            MessagingProperties properties, @Value("${spring.application.name:stagecraft}") String name, Clock clock) {
        return new Envelopes(properties.appId() != null ? properties.appId() : name, clock);
    }

    @Bean
    OutboxRelay outboxRelay(
            JdbcClient jdbc,
            PlatformTransactionManager transactionManager,
            RabbitTemplate rabbit,
            Envelopes envelopes,
            MessagingProperties properties) {
        return new OutboxRelay(jdbc, transactionManager, rabbit, envelopes, properties);
    }

    @Bean
    Outbox outbox(JdbcClient jdbc, OutboxRelay relay) {
        return new Outbox(jdbc, relay);
    }

    @Bean
    IncompleteEventResubmission incompleteEventResubmission(
            IncompleteEventPublications incomplete, MessagingProperties properties) {
        return new IncompleteEventResubmission(incomplete, properties);
    }

    /** The container factory of batch listeners ({@link BatchDelivery#listenerFactory}). */
    @Bean(BatchDelivery.LISTENER_FACTORY)
    SimpleRabbitListenerContainerFactory stagecraftBatchListenerFactory(
            SimpleRabbitListenerContainerFactoryConfigurer configurer, ConnectionFactory connectionFactory) {
        return BatchDelivery.listenerFactory(configurer, connectionFactory);
    }

    @Bean
    BatchDelivery batchDelivery(PlatformTransactionManager transactionManager) {
        return new BatchDelivery(transactionManager);
    }

    @Bean
    Inbox inbox(JdbcClient jdbc) {
        return new Inbox(jdbc);
    }

    @Bean
    EventSequences eventSequences(JdbcClient jdbc) {
        return new EventSequences(jdbc);
    }

    /** Every listener container of the service waits before it handles a redelivered message again. */
    @Bean
    static BeanPostProcessor redeliveryBackoffPostProcessor(ObjectProvider<MessagingProperties> properties) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof SimpleRabbitListenerContainerFactory factory) {
                    MessagingProperties messaging = properties.getObject();
                    factory.setAdviceChain(
                            new RedeliveryBackoff(messaging.redeliveryBackoff(), messaging.redeliveryBackoffMax()));
                }
                return bean;
            }
        };
    }

    @Bean
    Declarables stagecraftExchanges() {
        return StagecraftTopology.exchanges();
    }
}
