package dev.stagecraft.query.application;

import dev.stagecraft.query.environment.AwaitingApproval;
import dev.stagecraft.query.environment.EnvironmentLock;
import dev.stagecraft.query.environment.LastDeployment;
import dev.stagecraft.query.environment.QueuedDeployment;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One row of an application's pipeline matrix: a stage and what runs in its environment. The status,
 * versions and times are null while the stage's environment has not been created yet.
 *
 * @param stage the stage's name (the name of the environment it is bound to)
 * @param environment the environment's name
 * @param deployedBy who deployed what runs there (the actor of its last successful deployment), or null
 * @param deployedAt when that deployment finished, or null
 * @param lastDeployment the latest deployment asked for, whatever became of it
 * @param queued the deployments waiting in the environment's queue, next first (empty if none)
 * @param awaitingApproval the deployments into the stage waiting for an approval, oldest first (empty if none)
 * @param lock who locked the stage's environment, why and since when; null while it is unlocked
 */
public record PipelineStageView(
        String stage,
        String environment,
        boolean requiresApproval,
        boolean autoPromote,
        @Nullable String branch,
        @Nullable String version,
        @Nullable String desiredVersion,
        @Nullable String status,
        @Nullable String statusReason,
        @Nullable Instant updatedAt,
        @Nullable String deployedBy,
        @Nullable Instant deployedAt,
        @Nullable LastDeployment lastDeployment,
        List<QueuedDeployment> queued,
        List<AwaitingApproval> awaitingApproval,
        @Nullable EnvironmentLock lock) {}
