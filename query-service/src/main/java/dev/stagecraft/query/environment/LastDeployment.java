package dev.stagecraft.query.environment;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The latest deployment requested for an environment, as shown next to it. */
public record LastDeployment(
        UUID id,
        @Nullable String operation,
        String status,
        @Nullable String version,
        String actor,
        Instant requestedAt,
        @Nullable Instant finishedAt) {}
