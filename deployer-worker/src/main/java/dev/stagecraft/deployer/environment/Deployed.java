package dev.stagecraft.deployer.environment;

import dev.stagecraft.contracts.job.DeploymentJob;
import org.jspecify.annotations.Nullable;

/**
 * What the last successful deployment left in an environment: its job (the desired spec, secrets still
 * sealed) and where its workload runs ({@code pid}/{@code port} null when nothing runs, e.g. archived).
 */
public record Deployed(
        DeploymentJob job,
        @Nullable Long pid,
        @Nullable Integer port,
        @Nullable String location) {}
