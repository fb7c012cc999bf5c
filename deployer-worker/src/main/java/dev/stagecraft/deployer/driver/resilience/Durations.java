package dev.stagecraft.deployer.driver.resilience;

import java.time.Duration;
import java.util.Locale;

/** Durations as people write them in the configuration: {@code 500ms}, {@code 30s}, {@code 1h30m}. */
final class Durations {

    private Durations() {}

    static String human(Duration duration) {
        if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
            return duration.toMillis() + "ms";
        }
        return duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
