package dev.stagecraft.deployer.driver.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedTimeLimiterMetrics;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Resilience4j registries of driver calls and their metrics: Spring Boot binds each {@link MeterBinder}
 * to the meter registry, so {@code /actuator/prometheus} shows {@code resilience4j_circuitbreaker_*},
 * {@code resilience4j_retry_calls_total} and {@code resilience4j_timelimiter_calls_total}, tagged by name
 * (the target cluster; the kind of call for time limiters).
 */
@Configuration(proxyBeanMethods = false)
class ResilienceConfiguration {

    @Bean
    CircuitBreakerRegistry targetCircuitBreakers(ResilienceProperties properties) {
        return Registries.circuitBreakers(properties);
    }

    @Bean
    RetryRegistry targetRetries(ResilienceProperties properties) {
        return Registries.retries(properties);
    }

    @Bean
    TimeLimiterRegistry driverTimeLimiters(ResilienceProperties properties) {
        return Registries.timeLimiters(properties);
    }

    @Bean
    MeterBinder circuitBreakerMetrics(CircuitBreakerRegistry breakers) {
        return TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers);
    }

    @Bean
    MeterBinder retryMetrics(RetryRegistry retries) {
        return TaggedRetryMetrics.ofRetryRegistry(retries);
    }

    @Bean
    MeterBinder timeLimiterMetrics(TimeLimiterRegistry limiters) {
        return TaggedTimeLimiterMetrics.ofTimeLimiterRegistry(limiters);
    }

    @Bean
    DriverResilience driverResilience(
            ResilienceProperties properties,
            CircuitBreakerRegistry breakers,
            RetryRegistry retries,
            TimeLimiterRegistry limiters) {
        return new DriverResilience(properties, breakers, retries, limiters);
    }
}
