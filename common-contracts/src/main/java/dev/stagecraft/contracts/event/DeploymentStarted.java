package dev.stagecraft.contracts.event;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.EventId;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** {@code deployment.started}: a worker began a deployment; {@code plan} names its steps in order. */
public record DeploymentStarted(
        EventId eventId,
        Instant occurredAt,
        @Nullable CommandId commandId,
        String actor,
        @Nullable String app,
        @Nullable String environment,
        long sequence,
        DeploymentId deploymentId,
        List<String> plan)
        implements DeploymentEvent {}
