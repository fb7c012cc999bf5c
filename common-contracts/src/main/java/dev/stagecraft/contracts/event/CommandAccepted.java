package dev.stagecraft.contracts.event;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.EventId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * {@code command.accepted}: a command passed validation; {@code deploymentId} names the deployment it caused,
 * if any; {@code channel} the interface it came through ({@code rest}, {@code amqp}, {@code slack},
 * {@code webhook}, {@code schedule}), when known.
 */
public record CommandAccepted(
        EventId eventId,
        Instant occurredAt,
        @Nullable CommandId commandId,
        String actor,
        @Nullable String app,
        @Nullable String environment,
        long sequence,
        String commandType,
        @Nullable DeploymentId deploymentId,
        @Nullable String channel)
        implements Event {}
