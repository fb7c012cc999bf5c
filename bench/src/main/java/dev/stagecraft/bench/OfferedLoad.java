package dev.stagecraft.bench;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Offers deployments at a fixed rate, open loop: the i-th request is due at {@code start + i/rate} whether or
 * not earlier ones have finished, and its latency runs from that due time (so a stall is not hidden by requests
 * the stall kept from being sent) to the arrival of its {@code deployment.succeeded} event on the harness's queue.
 */
final class OfferedLoad {

    private final Bus bus;

    OfferedLoad(Bus bus) {
        this.bus = bus;
    }

    /**
     * Sends {@code count} deployments at {@code rate} per second; {@code request} makes one and returns its
     * deployment id. Waits up to {@code drainTimeout} after the last due time for the outcomes.
     */
    Result run(double rate, int count, Function<Integer, String> request, Duration drainTimeout)
            throws InterruptedException {
        Latencies all = new Latencies();
        Latencies firstThird = new Latencies();
        Latencies lastThird = new Latencies();
        AtomicLong failed = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong lastArrival = new AtomicLong();
        Queue<String> errors = new ConcurrentLinkedQueue<>();
        CountDownLatch finished = new CountDownLatch(count);
        long periodNanos = (long) (1e9 / rate);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                long due = start + i * periodNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                int index = i;
                senders.execute(() -> {
                    String deploymentId;
                    try {
                        deploymentId = request.apply(index);
                    } catch (RuntimeException e) {
                        refused.incrementAndGet();
                        sample(errors, e.getMessage());
                        finished.countDown();
                        return;
                    }
                    bus.outcome(deploymentId).whenComplete((outcome, error) -> {
                        bus.forget(deploymentId);
                        if (outcome != null && outcome.succeeded()) {
                            long latency = outcome.arrivedNanos() - due;
                            all.recordNanos(latency);
                            if (index < count / 3) {
                                firstThird.recordNanos(latency);
                            } else if (index >= count - count / 3) {
                                lastThird.recordNanos(latency);
                            }
                            lastArrival.accumulateAndGet(outcome.arrivedNanos(), Math::max);
                        } else if (outcome != null) {
                            failed.incrementAndGet();
                            sample(errors, "deployment " + deploymentId + " ended with " + outcome.type());
                        }
                        finished.countDown();
                    });
                });
            }
            long lastDue = start + (count - 1) * periodNanos;
            boolean drained = finished.await(
                    Math.max(0, lastDue - System.nanoTime()) + drainTimeout.toNanos(), TimeUnit.NANOSECONDS);
            long end = drained ? lastArrival.get() : System.nanoTime();
            double seconds = Math.max(1e-9, (end - start) / 1e9);
            return new Result(
                    rate,
                    count,
                    all.count(),
                    failed.get(),
                    refused.get(),
                    count - finished.getCount(),
                    drained,
                    Math.round(all.count() / seconds * 10) / 10.0,
                    all.summary(),
                    firstThird.summary(),
                    lastThird.summary(),
                    List.copyOf(errors));
        }
    }

    private static void sample(Queue<String> errors, String error) {
        if (errors.size() < 5) {
            errors.add(error);
        }
    }

    /**
     * What one run at a fixed rate gave: {@code succeeded} deployments whose latency is in {@code latency},
     * {@code failed} ones (a {@code deployment.failed} event), {@code refused} requests (not accepted by the
     * REST API), how many had an outcome when the wait ended, and the rate at which deployments completed.
     */
    record Result(
            double offeredRate,
            int offered,
            long succeeded,
            long failed,
            long refused,
            long finished,
            boolean allFinished,
            double completedPerSecond,
            Latencies.Summary latency,
            Latencies.Summary firstThird,
            Latencies.Summary lastThird,
            List<String> errors) {}
}
