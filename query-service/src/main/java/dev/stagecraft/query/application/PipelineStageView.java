package dev.stagecraft.query.application;

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
 * @param queued the deployments waiting in the environment's queue, next first (empty if none)
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
        @Nullable LastDeployment lastDeployment,
        List<QueuedDeployment> queued) {}
