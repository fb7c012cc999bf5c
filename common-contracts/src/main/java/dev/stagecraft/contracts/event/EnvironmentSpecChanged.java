package dev.stagecraft.contracts.event;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.EventId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** {@code environment.spec-changed}: the desired spec of an environment changed. Only the names of secret keys, never their values. */
public record EnvironmentSpecChanged(
        EventId eventId,
        Instant occurredAt,
        @Nullable CommandId commandId,
        String actor,
        @Nullable String app,
        @Nullable String environment,
        long sequence,
        String version,
        @Nullable String commit,
        Map<String, String> overrides,
        List<String> secretKeys,
        List<String> tags,
        @Nullable String description,
        @Nullable Duration ttl,
        String driver,
        @Nullable String stage)
        implements Event {}
