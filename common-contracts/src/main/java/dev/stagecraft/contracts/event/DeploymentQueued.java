package dev.stagecraft.contracts.event;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.EventId;
import dev.stagecraft.contracts.Operation;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** {@code deployment.queued}: a deployment waits its turn; {@code position} 0 means next. */
public record DeploymentQueued(
        EventId eventId,
        Instant occurredAt,
        @Nullable CommandId commandId,
        String actor,
        @Nullable String app,
        @Nullable String environment,
        long sequence,
        DeploymentId deploymentId,
        Operation operation,
        @Nullable String fromVersion,
        String toVersion,
        int position)
        implements DeploymentEvent {}
