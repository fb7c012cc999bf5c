package dev.stagecraft.deployer.environment;

import dev.stagecraft.contracts.job.DeploymentJob;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What the last successful deployment left in an environment: its job (the desired spec, secrets still
 * sealed) and where its workload runs ({@code pid}/{@code started}/{@code port} null when nothing runs, e.g.
 * archived; {@code started} is the start instant of the process {@code pid}, which tells it from a later one
 * with a reused pid).
 */
public record Deployed(
        DeploymentJob job,
        @Nullable Long pid,
        @Nullable Instant started,
        @Nullable Integer port,
        @Nullable String location) {}
