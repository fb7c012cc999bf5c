package dev.stagecraft.command.environment;

import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.command.Command;
import org.jspecify.annotations.Nullable;

/**
 * A deployment of {@code version} into an environment that another decision has settled on (a promotion, a
 * rollback, an approval), carried out by {@link EnvironmentDecisions#deploy(VersionChange)} so that it passes
 * the same checks as any other deployment.
 *
 * @param cause the command that carries the deployment out now (its id goes on the job and the spec revision)
 * @param actor who the deployment is for: the requester, also when an approver's command releases it
 * @param deploymentId the deployment's id, chosen before (an approved deployment keeps the id it waited under)
 * @param commit the git commit recorded for the version, if any
 */
public record VersionChange(
        Command cause,
        String actor,
        DeploymentId deploymentId,
        String app,
        String environment,
        String version,
        @Nullable String commit) {}
