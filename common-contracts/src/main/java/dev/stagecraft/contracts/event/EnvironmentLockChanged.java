package dev.stagecraft.contracts.event;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.EventId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * {@code environment.lock-changed}: an environment was locked or unlocked. While {@code locked}, only
 * {@code holder} may deploy to it; {@code reason} and {@code lockedAt} say why and since when. Unlocked, the
 * three are null. {@code actor} is who locked or unlocked it (an admin breaking another's lock is not the
 * holder).
 */
public record EnvironmentLockChanged(
        EventId eventId,
        Instant occurredAt,
        @Nullable CommandId commandId,
        String actor,
        @Nullable String app,
        @Nullable String environment,
        long sequence,
        boolean locked,
        @Nullable String holder,
        @Nullable String reason,
        @Nullable Instant lockedAt)
        implements Event {}
