package dev.stagecraft.contracts.event;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.EventId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Something that happened, published on {@code stagecraft.events} with its type as routing key.
 *
 * <p>{@link #sequence()} is monotonic per environment and per emitting service (the AMQP
 * {@code app_id}): command-service numbers what it decides about an environment (its spec), the
 * deployer-worker numbers what happened to it (deployments, status). Read models keep the last
 * applied sequence per environment and source and ignore anything older. Events about no
 * environment carry sequence 0.
 */
public sealed interface Event
        permits CommandAccepted,
                CommandRejected,
                ApplicationRegistered,
                EnvironmentSpecChanged,
                EnvironmentStatusChanged,
                EnvironmentDriftDetected,
                EnvironmentScheduleChanged,
                EnvironmentLockChanged,
                DeploymentEvent {

    EventId eventId();

    Instant occurredAt();

    @Nullable
    CommandId commandId();

    String actor();

    @Nullable
    String app();

    @Nullable
    String environment();

    long sequence();
}
