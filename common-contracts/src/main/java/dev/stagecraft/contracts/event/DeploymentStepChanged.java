package dev.stagecraft.contracts.event;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.EventId;
import dev.stagecraft.contracts.StepStatus;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code deployment.step-changed}: a step of a deployment changed status; {@code progress} is 0 to 100.
 * {@code output} holds the lines the step logged since its previous report (the driver's output, scripts'
 * stdout and stderr), secret values masked; empty when there were none.
 */
public record DeploymentStepChanged(
        EventId eventId,
        Instant occurredAt,
        @Nullable CommandId commandId,
        String actor,
        @Nullable String app,
        @Nullable String environment,
        long sequence,
        DeploymentId deploymentId,
        String step,
        StepStatus status,
        @Nullable String message,
        int progress,
        List<String> output)
        implements DeploymentEvent {

    public DeploymentStepChanged {
        output = output == null ? List.of() : List.copyOf(output);
    }
}
