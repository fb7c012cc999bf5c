package dev.stagecraft.deployer.driver.resilience;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code stagecraft.deployer.resilience.*}: how the worker calls targets through its drivers.
 *
 * @param retry retries of an operation that failed transiently (the target was unavailable)
 * @param circuitBreaker the circuit breaker of each target cluster
 * @param timeLimit how long one call of a driver may take before it is interrupted and fails
 * @param maxWait how long a deployment operation waits for a cluster whose circuit is open before it fails
 * @param cancelGrace how long a call interrupted at its time limit may take to clean up (e.g. to stop a
 *     half-started version) before the operation fails without waiting for it any longer
 */
@ConfigurationProperties("stagecraft.deployer.resilience")
public record ResilienceProperties(
        Backoff retry, Breaker circuitBreaker, TimeLimits timeLimit, Duration maxWait, Duration cancelGrace) {

    public ResilienceProperties(
            @Nullable Backoff retry,
            @Nullable Breaker circuitBreaker,
            @Nullable TimeLimits timeLimit,
            @Nullable Duration maxWait,
            @Nullable Duration cancelGrace) {
        this.retry = retry != null ? retry : new Backoff(0, null, 0, null);
        this.circuitBreaker = circuitBreaker != null ? circuitBreaker : new Breaker(0, 0, 0, null, 0);
        this.timeLimit = timeLimit != null ? timeLimit : new TimeLimits(null, null, null, null, null);
        this.maxWait = maxWait != null ? maxWait : Duration.ofMinutes(30);
        this.cancelGrace = cancelGrace != null ? cancelGrace : Duration.ofSeconds(30);
    }

    /** The defaults of every property. */
    public static ResilienceProperties defaults() {
        return new ResilienceProperties(null, null, null, null, null);
    }

    /**
     * Exponential backoff between the attempts of an operation.
     *
     * @param maxAttempts attempts in all, the first one included
     * @param initialInterval pause after the first failed attempt
     * @param multiplier factor of each further pause
     * @param maxInterval longest pause
     */
    public record Backoff(int maxAttempts, Duration initialInterval, double multiplier, Duration maxInterval) {

        public Backoff(
                int maxAttempts,
                @Nullable Duration initialInterval,
                double multiplier,
                @Nullable Duration maxInterval) {
            this.maxAttempts = maxAttempts > 0 ? maxAttempts : 4;
            this.initialInterval = initialInterval != null ? initialInterval : Duration.ofMillis(500);
            this.multiplier = multiplier >= 1 ? multiplier : 2;
            this.maxInterval = maxInterval != null ? maxInterval : Duration.ofSeconds(10);
        }
    }

    /**
     * A count-based circuit breaker per target cluster; only {@code TargetUnavailableException} counts as a
     * failure.
     *
     * @param slidingWindowSize calls whose outcome decides the failure rate
     * @param failureRateThreshold percentage of failed calls at which the circuit opens
     * @param minimumNumberOfCalls calls needed before the failure rate counts
     * @param waitInOpenState how long the circuit stays open before a trial call is let through
     * @param permittedCallsInHalfOpenState trial calls whose outcome closes or opens the circuit again
     */
    public record Breaker(
            int slidingWindowSize,
            float failureRateThreshold,
            int minimumNumberOfCalls,
            Duration waitInOpenState,
            int permittedCallsInHalfOpenState) {

        public Breaker(
                int slidingWindowSize,
                float failureRateThreshold,
                int minimumNumberOfCalls,
                @Nullable Duration waitInOpenState,
                int permittedCallsInHalfOpenState) {
            this.slidingWindowSize = slidingWindowSize > 0 ? slidingWindowSize : 10;
            this.failureRateThreshold =
                    failureRateThreshold > 0 && failureRateThreshold <= 100 ? failureRateThreshold : 50;
            this.minimumNumberOfCalls = minimumNumberOfCalls > 0 ? minimumNumberOfCalls : 4;
            this.waitInOpenState = waitInOpenState != null ? waitInOpenState : Duration.ofSeconds(30);
            this.permittedCallsInHalfOpenState = permittedCallsInHalfOpenState > 0 ? permittedCallsInHalfOpenState : 1;
        }
    }

    /**
     * The time limit of one driver call, by kind of operation.
     *
     * @param deploy deploy and restore
     * @param archive archive
     * @param cleanup cleanup, and the recovery of what a dead worker left behind
     * @param hook a pre-deploy or post-deploy hook (keep it above the hooks' own timeouts)
     * @param check check and info
     */
    public record TimeLimits(Duration deploy, Duration archive, Duration cleanup, Duration hook, Duration check) {

        public TimeLimits(
                @Nullable Duration deploy,
                @Nullable Duration archive,
                @Nullable Duration cleanup,
                @Nullable Duration hook,
                @Nullable Duration check) {
            this.deploy = deploy != null ? deploy : Duration.ofMinutes(30);
            this.archive = archive != null ? archive : Duration.ofMinutes(10);
            this.cleanup = cleanup != null ? cleanup : Duration.ofMinutes(10);
            this.hook = hook != null ? hook : Duration.ofMinutes(30);
            this.check = check != null ? check : Duration.ofSeconds(30);
        }

        Duration longest() {
            return java.util.stream.Stream.of(deploy, archive, cleanup, hook, check)
                    .max(Duration::compareTo)
                    .orElseThrow();
        }
    }
}
