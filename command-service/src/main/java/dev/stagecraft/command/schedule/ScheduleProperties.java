package dev.stagecraft.command.schedule;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code stagecraft.schedule.*}.
 *
 * @param interval how often due archives (ttl passed) and cleanups (retention ended) are looked for; an
 *     environment is acted on at most this long after its deadline
 * @param retention how long an archived ad-hoc environment keeps its data before it is cleaned up, counted from
 *     when the worker reported it ARCHIVED
 */
@ConfigurationProperties("stagecraft.schedule")
record ScheduleProperties(Duration interval, Duration retention) {

    ScheduleProperties {
        interval = interval == null ? Duration.ofSeconds(30) : interval;
        retention = retention == null ? Duration.ofDays(14) : retention;
        requirePositive("interval", interval, "30s");
        requirePositive("retention", retention, "14d");
    }

    private static void requirePositive(String name, Duration value, String example) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("stagecraft.schedule." + name + " must be a positive duration such as "
                    + example + " (got " + value + ")");
        }
    }
}
