package dev.stagecraft.query.environment;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A deployment into the environment that waits for someone with the approver role other than {@code actor} to
 * approve or reject it ({@code deployment.awaiting-approval}; it leaves the list once approved, rejected or
 * cancelled).
 *
 * @param actor who asked for it
 */
public record AwaitingApproval(
        UUID deploymentId,
        @Nullable String version,
        @Nullable String fromVersion,
        String actor,
        Instant requestedAt) {}
