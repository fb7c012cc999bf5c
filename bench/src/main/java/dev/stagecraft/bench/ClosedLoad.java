package dev.stagecraft.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * A concurrent load generator for reads: {@code clients} virtual users each send their next request as soon as
 * the previous one is answered, for a fixed time, after a short warm-up that is not counted.
 */
final class ClosedLoad {

    private ClosedLoad() {}

    /** {@code request} sends the i-th request of a client and returns its answer. */
    static Result run(int clients, Duration warmUp, Duration duration, IntFunction<StagecraftApi.Answer> request)
            throws InterruptedException {
        Latencies latencies = new Latencies();
        AtomicLong errors = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        long measureFrom = System.nanoTime() + warmUp.toNanos();
        long end = measureFrom + duration.toNanos();
        List<Runnable> users = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            users.add(() -> {
                int i = client;
                while (System.nanoTime() < end) {
                    long started = System.nanoTime();
                    StagecraftApi.Answer answer = request.apply(i);
                    long finished = System.nanoTime();
                    i += clients;
                    if (started < measureFrom) {
                        continue;
                    }
                    if (answer.ok()) {
                        latencies.recordNanos(finished - started);
                        bytes.addAndGet(answer.body().length);
                    } else {
                        errors.incrementAndGet();
                        firstError.compareAndSet(
                                null,
                                answer.request() + " answered " + answer.status() + " "
                                        + new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
            });
        }
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            users.forEach(executor::execute);
        }
        Latencies.Summary summary = latencies.summary();
        double seconds = duration.toNanos() / 1e9;
        return new Result(
                clients,
                summary,
                Math.round(summary.count() / seconds * 10) / 10.0,
                summary.count() == 0 ? 0 : bytes.get() / summary.count(),
                errors.get(),
                firstError.get());
    }

    /** Latencies of the answered requests, requests per second, the mean answer size and the errors. */
    record Result(
            int clients,
            Latencies.Summary latency,
            double requestsPerSecond,
            long meanBytes,
            long errors,
            @org.jspecify.annotations.Nullable String firstError) {}
}
