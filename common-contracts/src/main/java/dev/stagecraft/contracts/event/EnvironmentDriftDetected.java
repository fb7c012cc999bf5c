package dev.stagecraft.contracts.event;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.EventId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** {@code environment.drift-detected}: what runs differs from what was asked. */
public record EnvironmentDriftDetected(
        EventId eventId,
        Instant occurredAt,
        @Nullable CommandId commandId,
        String actor,
        @Nullable String app,
        @Nullable String environment,
        long sequence,
        String desiredVersion,
        @Nullable String actualVersion,
        String detail)
        implements Event {}
