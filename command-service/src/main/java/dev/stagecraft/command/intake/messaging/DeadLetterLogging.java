package dev.stagecraft.command.intake.messaging;

import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.rabbit.config.ContainerCustomizer;
import org.springframework.amqp.rabbit.listener.ConditionalRejectingErrorHandler;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A message dead-lettered on purpose (a rejected command, an invalid event) was already explained where
 * it was refused; the listener containers log it in one line instead of a stack trace. Anything else
 * is logged as Spring AMQP always does.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterLogging {

    @Bean
    ContainerCustomizer<SimpleMessageListenerContainer> conciseDeadLetterLogging() {
        return container -> container.setErrorHandler(new ConciseErrorHandler());
    }

    static final class ConciseErrorHandler extends ConditionalRejectingErrorHandler {

        @Override
        protected void log(Throwable t) {
            if (causeChainContainsARADRE(t)) {
                logger.info("dead-lettered a message: " + innermostMessage(t));
            } else {
                super.log(t);
            }
        }

        private static String innermostMessage(Throwable t) {
            Throwable cause = t;
            while (cause.getCause() != null && !(cause instanceof AmqpRejectAndDontRequeueException)) {
                cause = cause.getCause();
            }
            return String.valueOf(cause.getMessage());
        }
    }
}
