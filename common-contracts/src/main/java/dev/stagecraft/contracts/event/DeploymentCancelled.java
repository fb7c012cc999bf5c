package dev.stagecraft.contracts.event;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.EventId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** {@code deployment.cancelled}: a deployment ended; {@code error} and {@code failedStep} say why when it did not succeed. */
public record DeploymentCancelled(
        EventId eventId,
        Instant occurredAt,
        @Nullable CommandId commandId,
        String actor,
        @Nullable String app,
        @Nullable String environment,
        long sequence,
        DeploymentId deploymentId,
        String version,
        @Nullable String error,
        @Nullable String failedStep,
        long durationMs)
        implements DeploymentEvent {}
