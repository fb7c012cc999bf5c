package dev.stagecraft.contracts.event;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.EventId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code environment.spec-changed}: the desired spec of an environment changed. Only the names of secret keys, never
 * their values; {@code secretFingerprints} (optional, empty from older senders) maps each secret key to a keyed hash
 * of its value that reveals only whether two values are equal (see command-service's README).
 */
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
        @Nullable String stage,
        Map<String, String> secretFingerprints)
        implements Event {

    public EnvironmentSpecChanged {
        secretFingerprints = secretFingerprints == null ? Map.of() : Map.copyOf(secretFingerprints);
    }

    /** Without secret fingerprints, as senders wrote it before they existed. */
    public EnvironmentSpecChanged(
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
            @Nullable String stage) {
        this(
                eventId,
                occurredAt,
                commandId,
                actor,
                app,
                environment,
                sequence,
                version,
                commit,
                overrides,
                secretKeys,
                tags,
                description,
                ttl,
                driver,
                stage,
                Map.of());
    }
}
