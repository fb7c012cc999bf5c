package dev.stagecraft.deployer.driver.resilience;

import static dev.stagecraft.deployer.driver.resilience.Durations.human;

import dev.stagecraft.contracts.FailureReason;
import dev.stagecraft.deployer.driver.DriverException;
import dev.stagecraft.deployer.driver.TargetUnavailableException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One guarded operation: attempts under the cluster's {@link Retry} and {@link CircuitBreaker}, each attempt
 * under its time limit ({@link TimedCalls}). While the circuit is open, or when the attempts ran out because it
 * opened, an operation that {@link DriverCall#waits() waits} reports so once and waits on the {@link
 * BreakerGate} for the circuit to let a call through, up to {@code max-wait}; the others fail at once with
 * {@link TargetUnavailableException}.
 */
final class GuardedRun<T> {

    private static final Logger log = LoggerFactory.getLogger(GuardedRun.class);

    private final GuardedCall<T> call;
    private final StepTracker steps;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final BreakerGate gate;
    private final TimedCalls timed;
    private final ResilienceProperties properties;
    private long deadline;
    private boolean waited;
    private String problem = "its circuit breaker is open";

    GuardedRun(
            GuardedCall<T> call,
            StepTracker steps,
            CircuitBreaker breaker,
            Retry retry,
            BreakerGate gate,
            TimedCalls timed,
            ResilienceProperties properties) {
        this.call = call;
        this.steps = steps;
        this.breaker = breaker;
        this.retry = retry;
        this.gate = gate;
        this.timed = timed;
        this.properties = properties;
    }

    T result() {
        while (true) {
            long seen = gate.transitions();
            Optional<T> result = isOpen() ? Optional.empty() : attempts();
            if (result.isPresent()) {
                return result.get();
            }
            awaitTarget(seen);
        }
    }

    /** Attempts under the retry: the result, or empty when the circuit opened (or let no call through). */
    private Optional<T> attempts() {
        try {
            T result = retry.executeSupplier(this::attempt);
            if (waited) {
                log.info("{} goes on: target {} answers again", call.describe(), call.cluster());
            }
            return Optional.of(result);
        } catch (CallNotPermittedException e) {
            // the circuit opened meanwhile, or other calls hold the trial permits of a half-open circuit
            return Optional.empty();
        } catch (TargetUnavailableException e) {
            stopIfInterrupted();
            if (isClosed()) {
                throw ranOutOfAttempts(e);
            }
            problem = String.valueOf(e.getMessage());
            return Optional.empty();
        }
    }

    /** One attempt under the circuit breaker; an {@link Error} returns its permit and passes through. */
    private T attempt() {
        breaker.acquirePermission();
        long start = breaker.getCurrentTimestamp();
        try {
            T result = timed.run(call, steps);
            breaker.onSuccess(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit());
            return result;
        } catch (RuntimeException e) {
            breaker.onError(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), e);
            if (e instanceof TargetUnavailableException) {
                steps.log(steps.step(), "target " + call.cluster() + " is unavailable: " + e.getMessage());
            }
            throw e;
        } catch (Error e) {
            breaker.releasePermission();
            throw e;
        }
    }

    private void awaitTarget(long seen) {
        if (!call.kind().waits()) {
            throw new TargetUnavailableException(
                    steps.step(),
                    "target " + call.cluster() + " is unavailable (circuit open): " + problem
                            + "; calls go through again once a trial call succeeds");
        }
        if (!waited) {
            waited = true;
            deadline = System.nanoTime() + properties.maxWait().toNanos();
            log.warn("{} waits for target {} (circuit open): {}", call.describe(), call.cluster(), problem);
        }
        steps.waiting("target " + call.cluster() + " is unavailable (circuit open); waiting up to "
                + human(properties.maxWait()) + " for it to come back");
        if (System.nanoTime() - deadline >= 0) {
            throw gaveUpWaiting();
        }
        try {
            gate.awaitTransitionAfter(seen, recheck(), deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TimedCalls.interrupted(call, steps.step());
        }
    }

    /** How long to wait for an announced transition before looking again anyway. */
    private Duration recheck() {
        Duration open = properties.circuitBreaker().waitInOpenState();
        return open.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : open;
    }

    private boolean isOpen() {
        CircuitBreaker.State state = breaker.getState();
        return state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN;
    }

    private boolean isClosed() {
        CircuitBreaker.State state = breaker.getState();
        return state != CircuitBreaker.State.OPEN
                && state != CircuitBreaker.State.FORCED_OPEN
                && state != CircuitBreaker.State.HALF_OPEN;
    }

    private void stopIfInterrupted() {
        if (Thread.currentThread().isInterrupted()) {
            throw TimedCalls.interrupted(call, steps.step());
        }
    }

    private TargetUnavailableException ranOutOfAttempts(TargetUnavailableException e) {
        return new TargetUnavailableException(
                e.step(),
                e.getMessage() + " (gave up after " + properties.retry().maxAttempts() + " attempts)",
                e);
    }

    private DriverException gaveUpWaiting() {
        return new DriverException(
                steps.step(),
                FailureReason.GENERIC,
                "target " + call.cluster() + " stayed unavailable for " + human(properties.maxWait())
                        + " (circuit open; last error: " + problem + "); check the target, then run the "
                        + call.kind().label() + " again");
    }
}
