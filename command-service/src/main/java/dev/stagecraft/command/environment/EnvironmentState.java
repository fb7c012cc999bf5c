package dev.stagecraft.command.environment;

import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.EnvironmentStatus;
import org.jspecify.annotations.Nullable;

/**
 * What command-service knows of an environment, for decisions made elsewhere (promotion, rollback): its
 * desired version and commit, the status it has decided, the status the worker last reported, and the
 * deployment that decided the status.
 */
public record EnvironmentState(
        String app,
        String name,
        String version,
        @Nullable String commit,
        EnvironmentStatus status,
        @Nullable EnvironmentStatus reportedStatus,
        @Nullable DeploymentId lastDeploymentId) {

    /** False once it has been cleaned up: then it holds nothing, as if it never existed. */
    public boolean exists() {
        return status != EnvironmentStatus.CLEANED;
    }
}
