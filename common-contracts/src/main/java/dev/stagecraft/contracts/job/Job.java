package dev.stagecraft.contracts.job;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.DeploymentId;

/** Internal work orders from command-service to deployer-worker on {@code stagecraft.jobs}. */
public sealed interface Job permits DeploymentJob, CancelJob {

    DeploymentId deploymentId();

    CommandId commandId();
}
