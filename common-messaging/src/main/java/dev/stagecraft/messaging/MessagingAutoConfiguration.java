package dev.stagecraft.messaging;

import java.time.Clock;
import java.util.concurrent.Executor;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.aop.interceptor.AsyncUncaughtExceptionHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.AsyncConfigurer;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/** Wires the outbox, inbox, sequences and exchanges into every service that has this module. */
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
    Outbox outbox(ApplicationEventPublisher publisher) {
        return new Outbox(publisher);
    }

    @Bean(name = OutboxRelay.EXECUTOR)
    Executor stagecraftOutboxExecutor() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(1);
        executor.setMaxPoolSize(1);
        executor.setThreadNamePrefix("outbox-relay-");
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.initialize();
        return executor;
    }

    @Bean
    OutboxRelay outboxRelay(
            RabbitTemplate rabbit,
            Envelopes envelopes,
            IncompleteEventPublications incomplete,
            MessagingProperties properties) {
        return new OutboxRelay(rabbit, envelopes, incomplete, properties);
    }

    @Bean
    @ConditionalOnMissingBean(AsyncConfigurer.class)
    AsyncConfigurer relayAwareAsyncConfigurer() {
        return new AsyncConfigurer() {
            @Override
            public AsyncUncaughtExceptionHandler getAsyncUncaughtExceptionHandler() {
                return new RelayAwareAsyncExceptionHandler();
            }
        };
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
