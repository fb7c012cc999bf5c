package dev.stagecraft.command.schedule;

import dev.stagecraft.contracts.command.ArchiveEnvironment;
import dev.stagecraft.contracts.command.CleanupEnvironment;
import dev.stagecraft.contracts.command.Command;
import dev.stagecraft.contracts.command.CreateEnvironment;
import dev.stagecraft.contracts.command.RestoreEnvironment;
import dev.stagecraft.contracts.command.UpdateEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * When Stagecraft will act on an environment by itself: archive it when its ttl passes ({@code expiresAt}),
 * clean it up when, archived, its retention ends ({@code cleanupAt}); null = nothing scheduled. Instants are
 * kept to the microsecond, as PostgreSQL stores them, so the announced deadline is the stored one.
 */
record Schedule(@Nullable Instant expiresAt, @Nullable Instant cleanupAt) {

    static final Schedule NONE = new Schedule(null, null);

    /**
     * This schedule after an accepted command decided at {@code at}, the environment's ttl being {@code ttl}: a
     * create arms the ttl; an update that names a ttl re-arms it from now (one without keeps the deadline);
     * an archive has nothing left to expire; a restore cancels the cleanup and re-arms the ttl from now; a
     * cleanup leaves nothing to schedule.
     */
    Schedule after(Command command, @Nullable Duration ttl, Instant at) {
        return switch (command) {
            case CreateEnvironment create -> new Schedule(deadline(at, ttl), null);
            case UpdateEnvironment update -> update.ttl() == null ? this : withExpiry(deadline(at, update.ttl()));
            case ArchiveEnvironment archive -> withExpiry(null);
            case RestoreEnvironment restore -> new Schedule(deadline(at, ttl), null);
            case CleanupEnvironment cleanup -> NONE;
            default -> this;
        };
    }

    Schedule withExpiry(@Nullable Instant at) {
        return new Schedule(at, cleanupAt);
    }

    Schedule withCleanup(@Nullable Instant at) {
        return new Schedule(expiresAt, at);
    }

    /** {@code from + duration} to the microsecond; null without a duration. */
    static @Nullable Instant deadline(Instant from, @Nullable Duration duration) {
        return duration == null ? null : from.plus(duration).truncatedTo(ChronoUnit.MICROS);
    }
}
