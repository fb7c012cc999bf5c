package dev.stagecraft.bench;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * The environments a workload deploys to, taken round robin, each deployment with a version of its own so that
 * the driver has something to do.
 */
final class Fleet {

    final String app;
    private final List<String> environments;
    private final AtomicLong next = new AtomicLong();

    Fleet(String app, List<String> environments) {
        this.app = app;
        this.environments = List.copyOf(environments);
    }

    /** {@code count} environments named {@code prefix-00001} and on. */
    static Fleet named(String app, String prefix, int first, int count) {
        return new Fleet(
                app,
                IntStream.range(first, first + count)
                        .mapToObj(i -> "%s-%05d".formatted(prefix, i))
                        .toList());
    }

    List<String> environments() {
        return environments;
    }

    int size() {
        return environments.size();
    }

    /** The next environment in turn and a version never deployed before. */
    Target next() {
        long n = next.getAndIncrement();
        return new Target(environments.get((int) (n % environments.size())), "2.0." + n);
    }

    record Target(String environment, String version) {}
}
