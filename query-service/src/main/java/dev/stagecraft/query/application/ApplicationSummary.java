package dev.stagecraft.query.application;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An application in the list of applications.
 *
 * @param stages the environments of its pipeline, in order
 * @param environmentCount how many environments of it the read model knows (stages and ad-hoc ones)
 */
public record ApplicationSummary(
        String name,
        @Nullable String repository,
        String driver,
        List<String> stages,
        long environmentCount,
        Instant registeredAt,
        Instant updatedAt) {}
