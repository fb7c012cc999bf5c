package dev.stagecraft.contracts.job;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.DeploymentId;

/** {@code job.cancel}: withdraw a queued deployment. */
public record CancelJob(DeploymentId deploymentId, CommandId commandId, String actor) implements Job {}
