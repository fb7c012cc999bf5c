package dev.stagecraft.deployer.driver.resilience;

import dev.stagecraft.deployer.driver.Driver;
import dev.stagecraft.deployer.driver.StepReporter;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Decorates drivers so that every call to a target goes through Resilience4j (retry, a circuit breaker per
 * target cluster, a time limit per call). Driver calls run on threads of their own, so that a call that outlives
 * its time limit can be interrupted: platform threads, because interrupting a virtual thread blocked on a
 * socket closes the socket, which could break a database connection of a step report under way.
 */
public final class DriverResilience implements AutoCloseable {

    private final ResilienceProperties properties;
    private final CircuitBreakerRegistry breakers;
    private final RetryRegistry retries;
    private final ExecutorService threads;
    private final TimedCalls timed;
    private final Map<String, BreakerGate> gates = new ConcurrentHashMap<>();

    public DriverResilience(
            ResilienceProperties properties,
            CircuitBreakerRegistry breakers,
            RetryRegistry retries,
            TimeLimiterRegistry limiters) {
        this.properties = properties;
        this.breakers = breakers;
        this.retries = retries;
        this.threads = Executors.newCachedThreadPool(
                Thread.ofPlatform().name("driver-call-", 0).daemon().factory());
        this.timed = new TimedCalls(threads, limiters, properties);
    }

    /** {@code driver}, with every call guarded. */
    public Driver decorate(Driver driver) {
        return driver instanceof ResilientDriver ? driver : new ResilientDriver(driver, this);
    }

    <T> T call(GuardedCall<T> call, StepReporter reporter) {
        CircuitBreaker breaker = breakers.circuitBreaker(call.cluster());
        BreakerGate gate = gates.computeIfAbsent(call.cluster(), cluster -> new BreakerGate(breaker));
        StepTracker steps = new StepTracker(reporter, call.firstStep());
        return new GuardedRun<>(call, steps, breaker, retries.retry(call.cluster()), gate, timed, properties).result();
    }

    /** Lets calls under way finish (they are not interrupted) and refuses new ones. */
    @Override
    public void close() {
        threads.shutdown();
    }
}
