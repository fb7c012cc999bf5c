package dev.stagecraft.contracts.event;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.EventId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * {@code environment.schedule-changed}: when Stagecraft will act on an environment by itself. {@code expiresAt}
 * is when its TTL passes and it is archived; {@code cleanupAt} when, archived, its retention ends and it is
 * cleaned up. Null means nothing is scheduled.
 */
public record EnvironmentScheduleChanged(
        EventId eventId,
        Instant occurredAt,
        @Nullable CommandId commandId,
        String actor,
        @Nullable String app,
        @Nullable String environment,
        long sequence,
        @Nullable Instant expiresAt,
        @Nullable Instant cleanupAt)
        implements Event {}
