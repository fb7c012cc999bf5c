package dev.stagecraft.messaging;

import java.lang.reflect.Method;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.aop.interceptor.AsyncUncaughtExceptionHandler;

/**
 * Logs exceptions of {@code @Async} methods. A failed outbox relay is expected while the broker is away
 * and already reported by {@link OutboxRelay} in one line, so it is not logged again with a stack trace.
 */
class RelayAwareAsyncExceptionHandler implements AsyncUncaughtExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(RelayAwareAsyncExceptionHandler.class);

    @Override
    public void handleUncaughtException(Throwable failure, Method method, Object... parameters) {
        if (method.getDeclaringClass() == OutboxRelay.class && failure instanceof AmqpException) {
            return;
        }
        log.error("@Async method {} failed", method, failure);
    }
}
