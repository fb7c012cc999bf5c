package dev.stagecraft.deployer.driver.resilience;

import dev.stagecraft.deployer.driver.TargetUnavailableException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import java.time.Duration;

/**
 * The Resilience4j registries, configured from {@link ResilienceProperties}: a circuit breaker and a retry per
 * target cluster (created on first use, named by the cluster), a time limiter per {@link DriverCall} kind.
 */
final class Registries {

    private Registries() {}

    static CircuitBreakerRegistry circuitBreakers(ResilienceProperties properties) {
        ResilienceProperties.Breaker breaker = properties.circuitBreaker();
        return CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(breaker.slidingWindowSize())
                .failureRateThreshold(breaker.failureRateThreshold())
                .minimumNumberOfCalls(breaker.minimumNumberOfCalls())
                .waitDurationInOpenState(breaker.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(breaker.permittedCallsInHalfOpenState())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .recordException(TargetUnavailableException.class::isInstance)
                .ignoreExceptions(CallAbandonedException.class)
                // a deployment may take long; only unavailability counts, never slowness
                .slowCallDurationThreshold(properties.timeLimit().longest().plus(Duration.ofMinutes(1)))
                .build());
    }

    static RetryRegistry retries(ResilienceProperties properties) {
        ResilienceProperties.Backoff backoff = properties.retry();
        return RetryRegistry.of(RetryConfig.custom()
                .maxAttempts(backoff.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(
                        backoff.initialInterval(), backoff.multiplier(), backoff.maxInterval()))
                .retryOnException(TargetUnavailableException.class::isInstance)
                .build());
    }

    static TimeLimiterRegistry timeLimiters(ResilienceProperties properties) {
        TimeLimiterRegistry registry = TimeLimiterRegistry.ofDefaults();
        for (DriverCall kind : DriverCall.values()) {
            registry.timeLimiter(kind.label(), timeLimiter(kind, properties));
        }
        return registry;
    }

    static TimeLimiterConfig timeLimiter(DriverCall kind, ResilienceProperties properties) {
        return TimeLimiterConfig.custom()
                .timeoutDuration(kind.timeLimit(properties.timeLimit()))
                .cancelRunningFuture(true)
                .build();
    }
}
