package dev.stagecraft.contracts.command;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.DeploymentId;

/** {@code deployment.cancel}: cancels a queued or awaiting deployment. */
public record CancelDeployment(CommandId commandId, String actor, DeploymentId deploymentId) implements Command {}
