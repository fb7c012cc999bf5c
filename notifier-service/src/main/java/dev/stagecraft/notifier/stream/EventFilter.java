package dev.stagecraft.notifier.stream;

import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.event.CommandAccepted;
import dev.stagecraft.contracts.event.DeploymentEvent;
import dev.stagecraft.contracts.event.Event;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a WebSocket client subscribed to: every given field must match (AND), an absent one matches
 * anything. A deployment filter matches the deployment's own events and the {@code command.accepted}
 * that announced it.
 */
public record EventFilter(
        @Nullable String app,
        @Nullable String environment,
        @Nullable DeploymentId deploymentId) {

    public static final EventFilter ANY = new EventFilter(null, null, null);

    public boolean matches(Event event) {
        return (app == null || app.equals(event.app()))
                && (environment == null || environment.equals(event.environment()))
                && (deploymentId == null || deploymentId.equals(deploymentOf(event)));
    }

    private static @Nullable DeploymentId deploymentOf(Event event) {
        return switch (event) {
            case DeploymentEvent deployment -> deployment.deploymentId();
            case CommandAccepted accepted -> accepted.deploymentId();
            default -> null;
        };
    }

    @Override
    public String toString() {
        return "app=" + Objects.toString(app, "*") + " environment=" + Objects.toString(environment, "*")
                + " deploymentId=" + Objects.toString(deploymentId, "*");
    }
}
