package dev.stagecraft.deployer.check;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code stagecraft.deployer.check.*}.
 *
 * @param interval how often each RUNNING or FAILURE environment is checked through its driver, across all workers
 * @param pendingTimeout how long an environment may stay {@code *_PENDING} with no deployment of it RUNNING before
 *     it is failed
 * @param batchSize how many due environments a worker claims at a time (it claims again until none is due)
 */
@ConfigurationProperties("stagecraft.deployer.check")
public record CheckProperties(Duration interval, Duration pendingTimeout, int batchSize) {

    public CheckProperties(@Nullable Duration interval, @Nullable Duration pendingTimeout, int batchSize) {
        this.interval = positiveOr(interval, Duration.ofSeconds(15), "interval");
        this.pendingTimeout = positiveOr(pendingTimeout, Duration.ofMinutes(10), "pending-timeout");
        this.batchSize = batchSize > 0 ? batchSize : 50;
    }

    private static Duration positiveOr(@Nullable Duration value, Duration fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("stagecraft.deployer.check." + name + " is " + value
                    + "; set a positive duration such as " + fallback.toSeconds() + "s");
        }
        return value;
    }
}
