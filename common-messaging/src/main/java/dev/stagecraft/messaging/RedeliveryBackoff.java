package dev.stagecraft.messaging;

import java.time.Duration;
import java.util.List;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;

/**
 * Waits before a listener handles a message again that failed before (the broker redelivers it with its
 * {@code x-delivery-count}): 1 s, 2 s, 4 s, … up to a maximum. Without it, a message whose handling fails
 * for a while (the database is down) would use up the queue's delivery limit within a second and be
 * dead-lettered; with it, the limit stretches over minutes of outage. A message refused as invalid is
 * dead-lettered at its first delivery and never waits.
 */
final class RedeliveryBackoff implements MethodInterceptor {

    static final String DELIVERY_COUNT = "x-delivery-count";

    private static final Logger log = LoggerFactory.getLogger(RedeliveryBackoff.class);

    private final Duration initial;
    private final Duration max;

    RedeliveryBackoff(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
    }

    @Override
    public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
        long deliveries = previousDeliveries(invocation.getArguments());
        if (deliveries > 0) {
            Duration pause = pause(deliveries);
            log.info("handling a message again after {} failed deliveries; waiting {} first", deliveries, pause);
            Thread.sleep(pause);
        }
        return invocation.proceed();
    }

    /** How long to wait before the handling that follows {@code deliveries} failed ones. */
    Duration pause(long deliveries) {
        long factor = 1L << Math.min(deliveries - 1, 30);
        Duration pause = initial.multipliedBy(factor);
        return pause.compareTo(max) > 0 ? max : pause;
    }

    private static long previousDeliveries(Object[] arguments) {
        for (Object argument : arguments) {
            Message message =
                    argument instanceof List<?> batch && !batch.isEmpty() && batch.getFirst() instanceof Message first
                            ? first
                            : argument instanceof Message single ? single : null;
            if (message != null) {
                Object count = message.getMessageProperties().getHeader(DELIVERY_COUNT);
                return count instanceof Number number ? number.longValue() : 0;
            }
        }
        return 0;
    }
}
