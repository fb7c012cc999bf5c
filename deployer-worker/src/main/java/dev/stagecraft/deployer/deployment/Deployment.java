package dev.stagecraft.deployer.deployment;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.DeploymentStatus;
import dev.stagecraft.contracts.Operation;
import dev.stagecraft.contracts.job.DeploymentJob;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One deployment as recorded: the job it carries out and how far it got. */
public record Deployment(
        DeploymentId id,
        String app,
        String environment,
        Operation operation,
        DeploymentStatus status,
        @Nullable String fromVersion,
        String toVersion,
        String actor,
        CommandId commandId,
        DeploymentJob job,
        Instant requestedAt,
        @Nullable Instant startedAt) {

    public Deployment started(Instant at) {
        return new Deployment(
                id,
                app,
                environment,
                operation,
                DeploymentStatus.RUNNING,
                fromVersion,
                toVersion,
                actor,
                commandId,
                job,
                requestedAt,
                at);
    }

    /** Milliseconds from start (or request, if it never started) to {@code end}. */
    public long durationMs(Instant end) {
        Instant begin = startedAt != null ? startedAt : requestedAt;
        return Math.max(0, end.toEpochMilli() - begin.toEpochMilli());
    }

    @Override
    public String toString() {
        return operation + " " + app + "/" + environment + " " + toVersion + " (deployment " + id + ")";
    }
}
