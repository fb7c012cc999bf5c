package dev.stagecraft.query.projection;

import dev.stagecraft.contracts.Topology;
import dev.stagecraft.contracts.event.ApplicationRegistered;
import dev.stagecraft.contracts.event.CommandAccepted;
import dev.stagecraft.contracts.event.CommandRejected;
import dev.stagecraft.contracts.event.DeploymentApproved;
import dev.stagecraft.contracts.event.DeploymentAwaitingApproval;
import dev.stagecraft.contracts.event.DeploymentRejected;
import dev.stagecraft.contracts.event.EnvironmentLockChanged;
import dev.stagecraft.contracts.event.EnvironmentScheduleChanged;
import dev.stagecraft.contracts.event.EnvironmentSpecChanged;
import dev.stagecraft.contracts.event.Event;
import org.jspecify.annotations.Nullable;

/**
 * Which service numbered an event's {@code sequence}: the AMQP {@code app_id} it came with; for a message
 * without one, the service that emits its type (command-service decides specs, schedules and approvals, deployer-worker
 * reports what happens).
 */
public final class EventSource {

    private EventSource() {}

    public static String of(@Nullable String appId, Event event) {
        if (appId != null && !appId.isBlank()) {
            return appId.strip();
        }
        return switch (event) {
            case ApplicationRegistered e -> Topology.COMMAND_SERVICE;
            case CommandAccepted e -> Topology.COMMAND_SERVICE;
            case CommandRejected e -> Topology.COMMAND_SERVICE;
            case EnvironmentSpecChanged e -> Topology.COMMAND_SERVICE;
            case EnvironmentScheduleChanged e -> Topology.COMMAND_SERVICE;
            case EnvironmentLockChanged e -> Topology.COMMAND_SERVICE;
            case DeploymentAwaitingApproval e -> Topology.COMMAND_SERVICE;
            case DeploymentApproved e -> Topology.COMMAND_SERVICE;
            case DeploymentRejected e -> Topology.COMMAND_SERVICE;
            default -> Topology.DEPLOYER_WORKER;
        };
    }
}
