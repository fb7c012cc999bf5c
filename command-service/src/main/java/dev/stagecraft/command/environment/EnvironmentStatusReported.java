package dev.stagecraft.command.environment;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.EnvironmentStatus;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A status the worker reported ({@code environment.status-changed}) was recorded. Published in-process,
 * inside the transaction that records it; whether it also became the decided status is in the environment's
 * row by then, for a listener to read.
 *
 * @param commandId the command whose deployment caused the report, if any
 * @param occurredAt when the worker saw the environment reach {@code status}
 */
public record EnvironmentStatusReported(
        String app,
        String environment,
        EnvironmentStatus status,
        @Nullable CommandId commandId,
        Instant occurredAt) {}
