package dev.stagecraft.contracts.command;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.DeploymentId;
import org.jspecify.annotations.Nullable;

/** {@code deployment.reject}: answers a deployment that awaits approval. */
public record RejectDeployment(
        CommandId commandId,
        String actor,
        DeploymentId deploymentId,
        @Nullable String comment) implements Command {}
