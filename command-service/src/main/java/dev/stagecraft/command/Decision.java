package dev.stagecraft.command;

import dev.stagecraft.contracts.DeploymentId;
import org.jspecify.annotations.Nullable;

/** What accepting a command decided: what it is about and the deployment it started, if any. */
public record Decision(
        @Nullable String app,
        @Nullable String environment,
        @Nullable DeploymentId deploymentId) {}
