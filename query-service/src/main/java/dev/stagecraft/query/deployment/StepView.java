package dev.stagecraft.query.deployment;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One step of a deployment's plan: PENDING, RUNNING, DONE, FAILED or SKIPPED, with progress 0 to 100.
 *
 * @param startedAt when it was first reported RUNNING (or DONE/FAILED without a RUNNING report), else null
 * @param finishedAt when it was reported DONE, FAILED or SKIPPED, while that is its latest status; else null
 * @param output the newest lines it logged, oldest first, secrets masked; null in lists of deployments
 * @param outputLines how many lines it logged in all, dropped ones included
 * @param truncated true if older lines were dropped to keep the newest ones
 */
public record StepView(
        String name,
        String status,
        @Nullable String message,
        int progress,
        @Nullable Instant startedAt,
        @Nullable Instant finishedAt,
        Instant updatedAt,
        @Nullable List<String> output,
        long outputLines,
        boolean truncated) {

    StepView withOutput(List<String> lines) {
        return new StepView(
                name,
                status,
                message,
                progress,
                startedAt,
                finishedAt,
                updatedAt,
                List.copyOf(lines),
                outputLines,
                truncated);
    }
}
