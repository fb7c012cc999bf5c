package dev.stagecraft.command.promotion;

import dev.stagecraft.command.deployment.Deployments;
import dev.stagecraft.command.environment.EnvironmentState;
import dev.stagecraft.contracts.DeploymentStatus;
import dev.stagecraft.contracts.EnvironmentLifecycle;
import dev.stagecraft.contracts.EnvironmentStatus;
import org.jspecify.annotations.Nullable;

/**
 * What a stage's environment holds, as far as promotion cares: the environment (absent if it was never
 * created) and the deployment that decided its status. Pure.
 *
 * @param lastDeployment the environment's last deployment, null if unknown
 */
record StageState(String stage, @Nullable EnvironmentState environment, Deployments.@Nullable Known lastDeployment) {

    /**
     * True if {@code version} runs successfully here: the worker reports the environment RUNNING, and its
     * last deployment SUCCEEDED and was of that version.
     */
    boolean runs(String version) {
        return exists()
                && environment.reportedStatus() == EnvironmentStatus.RUNNING
                && lastDeployment != null
                && lastDeployment.status() == DeploymentStatus.SUCCEEDED
                && lastDeployment.version().equals(version);
    }

    /**
     * True if {@code version} is what the environment runs or is being deployed to run (its desired version,
     * and its status is or will be RUNNING): promoting it again would change nothing.
     */
    boolean holds(String version) {
        return exists()
                && environment.version().equals(version)
                && EnvironmentLifecycle.outcomeOf(environment.status()) == EnvironmentStatus.RUNNING;
    }

    /** The version the environment holds now, null if it does not exist. */
    @Nullable
    String version() {
        return exists() ? environment.version() : null;
    }

    /** What runs here, for a sentence: {@code staging runs 1.2.0, RUNNING}. */
    String describe() {
        if (!exists()) {
            return stage + " does not exist yet";
        }
        EnvironmentStatus shown =
                environment.reportedStatus() != null ? environment.reportedStatus() : environment.status();
        if (lastDeployment == null || lastDeployment.status() == DeploymentStatus.SUCCEEDED) {
            String verb = shown == EnvironmentStatus.RUNNING ? " runs " : " has ";
            String version = lastDeployment == null ? environment.version() : lastDeployment.version();
            return stage + verb + version + ", " + shown;
        }
        return stage + " is " + shown + "; its deployment of " + lastDeployment.version() + " is "
                + lastDeployment.status();
    }

    private boolean exists() {
        return environment != null && environment.exists();
    }
}
