package dev.stagecraft.query.projection;

import dev.stagecraft.contracts.event.ApplicationRegistered;
import dev.stagecraft.contracts.event.CommandAccepted;
import dev.stagecraft.contracts.event.CommandRejected;
import dev.stagecraft.contracts.event.DeploymentEvent;
import dev.stagecraft.contracts.event.DeploymentSucceeded;
import dev.stagecraft.contracts.event.EnvironmentDriftDetected;
import dev.stagecraft.contracts.event.EnvironmentLockChanged;
import dev.stagecraft.contracts.event.EnvironmentScheduleChanged;
import dev.stagecraft.contracts.event.EnvironmentSpecChanged;
import dev.stagecraft.contracts.event.EnvironmentStatusChanged;
import dev.stagecraft.contracts.event.Event;
import dev.stagecraft.query.application.ApplicationProjection;
import dev.stagecraft.query.command.AcceptedCommands;
import dev.stagecraft.query.deployment.DeploymentProjection;
import dev.stagecraft.query.environment.AppliedSequences;
import dev.stagecraft.query.environment.DriftProjection;
import dev.stagecraft.query.environment.EnvironmentKey;
import dev.stagecraft.query.environment.EnvironmentProjection;
import dev.stagecraft.query.history.EventHistory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies one event to the read model, exactly once and in order. An event id seen before changes nothing.
 * For an event about an environment, its {@code sequence} is compared with the last one applied from the same
 * source: an older event is still logged and may fill in facts it alone knows, but never overwrites current
 * state. Sequence 0 means unnumbered: applied by natural keys.
 */
@Component
public class Projection {

    private final EventHistory history;
    private final AppliedSequences sequences;
    private final ApplicationProjection applications;
    private final EnvironmentProjection environments;
    private final DeploymentProjection deployments;
    private final DriftProjection drift;
    private final AcceptedCommands commands;

    Projection(
            EventHistory history,
            AppliedSequences sequences,
            ApplicationProjection applications,
            EnvironmentProjection environments,
            DeploymentProjection deployments,
            DriftProjection drift,
            AcceptedCommands commands) {
        this.history = history;
        this.sequences = sequences;
        this.applications = applications;
        this.environments = environments;
        this.deployments = deployments;
        this.drift = drift;
        this.commands = commands;
    }

    /**
     * @param source the service that emitted it (see {@link EventSource})
     * @param json the event as received, kept in the history
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void apply(Event event, String source, String json) {
        if (!history.record(event, source, json)) {
            return;
        }
        boolean current = advance(event, source);
        switch (event) {
            case ApplicationRegistered e -> applications.on(e);
            case EnvironmentSpecChanged e -> {
                if (current) environments.on(e);
            }
            case EnvironmentStatusChanged e -> {
                if (current) environments.on(e);
                drift.on(e, source);
            }
            case EnvironmentScheduleChanged e -> {
                if (current) environments.on(e);
            }
            case EnvironmentDriftDetected e -> {
                if (current) drift.on(e, source);
            }
            case EnvironmentLockChanged e -> {
                if (current) environments.on(e);
            }
            case DeploymentSucceeded e -> {
                deployments.on(e, current);
                drift.on(e, source);
            }
            case DeploymentEvent e -> deployments.on(e, current);
            case CommandAccepted e -> commands.on(e);
            case CommandRejected e -> {
                // kept in the history only
            }
        }
    }

    /**
     * True if the event is newer than what was applied to its environment from its source about the same
     * fact. Ordering per fact (spec, schedule, status, drift, deployments) rather than per source only means that a
     * {@code deployment.succeeded} overtaking the {@code environment.status-changed} committed just before
     * it cannot make that status change look stale.
     */
    private boolean advance(Event event, String source) {
        if (!EventScope.isAboutEnvironment(event)) {
            return true;
        }
        EnvironmentKey key = EnvironmentKey.of(event);
        if (event.sequence() == 0) {
            environments.ensure(key, event.occurredAt());
            return true;
        }
        return sequences.advance(key, event.occurredAt(), source + "/" + fact(event), event.sequence());
    }

    private static String fact(Event event) {
        return switch (event) {
            case EnvironmentSpecChanged e -> "spec";
            case EnvironmentStatusChanged e -> "status";
            case EnvironmentScheduleChanged e -> "schedule";
            case EnvironmentLockChanged e -> "lock";
            case EnvironmentDriftDetected e -> "drift";
            case DeploymentEvent e -> "deployment";
            default -> "other";
        };
    }
}
