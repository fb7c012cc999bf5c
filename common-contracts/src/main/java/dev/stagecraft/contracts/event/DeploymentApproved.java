package dev.stagecraft.contracts.event;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.EventId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * {@code deployment.approved}: {@code approver} approved the deployment; its job is published and it is queued.
 * {@code version} is the version to deploy, {@code fromVersion} the one it replaces, {@code stage} the stage
 * it enters; {@code comment} is what the approver said, if anything.
 */
public record DeploymentApproved(
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
