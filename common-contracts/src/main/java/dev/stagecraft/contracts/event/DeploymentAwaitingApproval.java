package dev.stagecraft.contracts.event;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.EventId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * {@code deployment.awaiting-approval}: a promotion into a stage that requires approval waits for someone with the approver role other than {@code actor} (who asked) to approve or reject it (DESIGN.md §4). No job exists yet.
 * {@code version} is the version to deploy, {@code fromVersion} the one it replaces, {@code stage} the stage
 * it enters; {@code comment} is what the approver said, if anything.
 */
public record DeploymentAwaitingApproval(
        EventId eventId,
        Instant occurredAt,
        @Nullable CommandId commandId,
        String actor,
        @Nullable String app,
        @Nullable String environment,
        long sequence,
        DeploymentId deploymentId,
        @Nullable String approver,
        @Nullable String version,
        @Nullable String fromVersion,
        @Nullable String stage,
        @Nullable String comment)
        implements DeploymentEvent {}
