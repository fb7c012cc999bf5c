package dev.stagecraft.query.deployment;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A deployment as query-service answers it (DESIGN.md §6).
 *
 * @param version the version the deployment brings
 * @param fromVersion the version that ran before, if any
 * @param actor who asked for it
 * @param channel the interface its command came through ({@code rest}, {@code amqp}, {@code slack},
 *     {@code webhook}, {@code schedule}), from that command's {@code command.accepted}; null until known
 * @param commandId the command that caused it
 * @param approver who approved or rejected it, if it needed approval
 * @param position place in the environment's queue while QUEUED (1 = next to run), computed when read; else null
 * @param requestedAt its earliest event
 * @param startedAt when it started running, if it did
 * @param finishedAt when it ended, if it did
 * @param durationMs how long it ran, from its final event
 * @param error why it did not succeed, if so
 * @param failedStep the step that failed, if any
 * @param steps the plan in order, each with its latest status (and, for one deployment, its output)
 */
public record DeploymentView(
        UUID id,
        String app,
        String environment,
        @Nullable String operation,
        String status,
        @Nullable String version,
        @Nullable String fromVersion,
        String actor,
        @Nullable String channel,
        @Nullable UUID commandId,
        @Nullable String approver,
        @Nullable Integer position,
        Instant requestedAt,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        @Nullable Long durationMs,
        @Nullable String error,
        @Nullable String failedStep,
        List<StepView> steps) {

    DeploymentView withSteps(List<StepView> steps) {
        return new DeploymentView(
                id,
                app,
                environment,
                operation,
                status,
                version,
                fromVersion,
                actor,
                channel,
                commandId,
                approver,
                position,
                requestedAt,
                startedAt,
                finishedAt,
                durationMs,
                error,
                failedStep,
                List.copyOf(steps));
    }
}
