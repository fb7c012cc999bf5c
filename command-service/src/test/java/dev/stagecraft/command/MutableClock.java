package dev.stagecraft.command;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a test moves it (forward only), to replace the application's {@code Clock}
 * bean: every time command-service reads is then the test's.
 */
public final class MutableClock extends Clock {

    private final AtomicReference<Instant> now;

    public MutableClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** A clock at the current second. */
    public static MutableClock atCurrentSecond() {
        return new MutableClock(Instant.ofEpochSecond(Instant.now().getEpochSecond()));
    }

    public Instant advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward (got " + by + ")");
        }
        return now.updateAndGet(instant -> instant.plus(by));
    }

    /** Moves the clock to {@code instant}, unless it is there or past it already. */
    public Instant moveTo(Instant instant) {
        return now.updateAndGet(current -> current.isBefore(instant) ? instant : current);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("MutableClock is in UTC only");
    }
}
