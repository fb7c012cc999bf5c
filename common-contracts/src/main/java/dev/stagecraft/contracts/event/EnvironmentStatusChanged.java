package dev.stagecraft.contracts.event;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.EnvironmentStatus;
import dev.stagecraft.contracts.EventId;
import dev.stagecraft.contracts.FailureReason;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** {@code environment.status-changed}: an environment moved in its status machine; {@code failure} says why when it is FAILURE. */
public record EnvironmentStatusChanged(
        EventId eventId,
        Instant occurredAt,
        @Nullable CommandId commandId,
        String actor,
        @Nullable String app,
        @Nullable String environment,
        long sequence,
        EnvironmentStatus from,
        EnvironmentStatus to,
        @Nullable String version,
        @Nullable String reason,
        @Nullable FailureReason failure)
        implements Event {}
