package dev.stagecraft.query.deployment;

import dev.stagecraft.contracts.event.DeploymentCancelled;
import dev.stagecraft.contracts.event.DeploymentEvent;
import dev.stagecraft.contracts.event.DeploymentFailed;
import dev.stagecraft.contracts.event.DeploymentSucceeded;
import dev.stagecraft.contracts.event.DeploymentSuperseded;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** How a deployment ended, from any of its final events. */
record Outcome(
        String version, @Nullable String error, @Nullable String failedStep, long durationMs) {

    static Optional<Outcome> of(DeploymentEvent event) {
        return Optional.ofNullable(
                switch (event) {
                    case DeploymentSucceeded e -> new Outcome(e.version(), e.error(), e.failedStep(), e.durationMs());
                    case DeploymentFailed e -> new Outcome(e.version(), e.error(), e.failedStep(), e.durationMs());
                    case DeploymentCancelled e -> new Outcome(e.version(), e.error(), e.failedStep(), e.durationMs());
                    case DeploymentSuperseded e -> new Outcome(e.version(), e.error(), e.failedStep(), e.durationMs());
                    default -> null;
                });
    }
}
