package dev.stagecraft.bench;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** Latencies recorded from many threads at microsecond resolution (HdrHistogram, 3 significant digits). */
final class Latencies {

    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(30);

    private final Histogram histogram = new ConcurrentHistogram(HIGHEST_MICROS, 3);

    void recordNanos(long nanos) {
        histogram.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos))));
    }

    long count() {
        return histogram.getTotalCount();
    }

    Summary summary() {
        return new Summary(
                histogram.getTotalCount(),
                millis(histogram.getValueAtPercentile(50)),
                millis(histogram.getValueAtPercentile(90)),
                millis(histogram.getValueAtPercentile(99)),
                millis(histogram.getMaxValue()));
    }

    private static double millis(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }

    /** Count and percentiles in milliseconds (two decimals). */
    record Summary(long count, double p50, double p90, double p99, double max) {}
}
