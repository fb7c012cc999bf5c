package dev.stagecraft.contracts.event;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.EventId;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code deployment.succeeded}: a deployment ended; {@code error} and {@code failedStep} say why when it did not
 * succeed. {@code links} are the links the driver gives users for what now runs (its {@code info}); empty when
 * it has none, when nothing runs (archive, cleanup), or in messages from before the field existed.
 */
public record DeploymentSucceeded(
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
        long durationMs,
        List<EnvironmentLink> links)
        implements DeploymentEvent {

    public DeploymentSucceeded {
        links = links == null ? List.of() : List.copyOf(links);
    }

    /** The event without links. */
    public DeploymentSucceeded(
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
            long durationMs) {
        this(
                eventId,
                occurredAt,
                commandId,
                actor,
                app,
                environment,
                sequence,
                deploymentId,
                version,
                error,
                failedStep,
                durationMs,
                List.of());
    }
}
