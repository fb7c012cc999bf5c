package dev.stagecraft.deployer.driver.resilience;

import dev.stagecraft.deployer.driver.DriverException;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one attempt of a driver call on a thread of its own under the time limit of its kind (Resilience4j
 * {@link TimeLimiter}). At the limit the attempt is interrupted and given {@code cancel-grace} to clean up after
 * itself (its reports still count meanwhile); then its further reports are dropped and the call fails with
 * {@link CallAbandonedException}. Errors and exceptions of the driver pass through unchanged.
 */
final class TimedCalls {

    private final ExecutorService threads;
    private final TimeLimiterRegistry limiters;
    private final ResilienceProperties properties;

    TimedCalls(ExecutorService threads, TimeLimiterRegistry limiters, ResilienceProperties properties) {
        this.threads = threads;
        this.limiters = limiters;
        this.properties = properties;
    }

    <T> T run(GuardedCall<T> call, StepTracker steps) {
        TimeLimiter limiter =
                limiters.timeLimiter(call.kind().label(), Registries.timeLimiter(call.kind(), properties));
        Attempt<T> attempt = new Attempt<>(steps.fence());
        try {
            return limiter.executeFutureSupplier(() -> attempt.start(threads, call));
        } catch (TimeoutException e) {
            attempt.abandon(properties.cancelGrace());
            throw new CallAbandonedException(steps.step(), timedOut(call, limiter));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            attempt.cancel();
            throw interrupted(call, steps.step());
        } catch (RejectedExecutionException e) {
            throw new CallAbandonedException(
                    steps.step(),
                    call.describe() + " was not started because deployer-worker is stopping; run it again");
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new DriverException(steps.step(), call.describe() + " failed: " + e, e);
        }
    }

    static CallAbandonedException interrupted(GuardedCall<?> call, String step) {
        return new CallAbandonedException(
                step, call.describe() + " was interrupted because deployer-worker is stopping; run it again");
    }

    private static String timedOut(GuardedCall<?> call, TimeLimiter limiter) {
        String limit = Durations.human(limiter.getTimeLimiterConfig().getTimeoutDuration());
        return call.describe() + " did not finish within " + limit + " and was stopped; if it needs longer, raise "
                + call.kind().timeLimitProperty();
    }

    /** One run of the driver's operation on a thread of {@code threads}, reporting through {@code fence}. */
    private static final class Attempt<T> {

        private final StepTracker.Fence fence;
        /** Set by whichever comes first: the thread that runs the body, or the caller giving up on it. */
        private final AtomicBoolean claimed = new AtomicBoolean();

        private final CountDownLatch ended = new CountDownLatch(1);
        private final AtomicReference<Future<T>> future = new AtomicReference<>();

        Attempt(StepTracker.Fence fence) {
            this.fence = fence;
        }

        Future<T> start(ExecutorService threads, GuardedCall<T> call) {
            Future<T> started = threads.submit(() -> {
                if (!claimed.compareAndSet(false, true)) {
                    throw new CancellationException("abandoned before it started");
                }
                try {
                    return call.body().apply(fence);
                } finally {
                    ended.countDown();
                }
            });
            future.set(started);
            return started;
        }

        /**
         * After the time limiter interrupted it: waits up to {@code grace} for the body to end (if it started),
         * then cuts it off.
         */
        void abandon(Duration grace) {
            try {
                if (!claimed.compareAndSet(false, true)) {
                    ended.await(grace.toNanos(), TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                fence.close();
            }
        }

        void cancel() {
            claimed.set(true);
            Future<T> started = future.get();
            if (started != null) {
                started.cancel(true);
            }
            fence.close();
        }
    }
}
