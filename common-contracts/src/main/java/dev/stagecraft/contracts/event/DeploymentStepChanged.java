package dev.stagecraft.contracts.event;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.EventId;
import dev.stagecraft.contracts.StepStatus;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** {@code deployment.step-changed}: a step of a deployment changed status; {@code progress} is 0 to 100. */
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
        int progress)
        implements DeploymentEvent {}
