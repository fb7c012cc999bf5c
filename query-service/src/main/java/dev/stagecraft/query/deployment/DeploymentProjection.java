package dev.stagecraft.query.deployment;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.DeploymentStatus;
import dev.stagecraft.contracts.Operation;
import dev.stagecraft.contracts.event.DeploymentApproved;
import dev.stagecraft.contracts.event.DeploymentAwaitingApproval;
import dev.stagecraft.contracts.event.DeploymentCancelled;
import dev.stagecraft.contracts.event.DeploymentEvent;
import dev.stagecraft.contracts.event.DeploymentFailed;
import dev.stagecraft.contracts.event.DeploymentQueued;
import dev.stagecraft.contracts.event.DeploymentRejected;
import dev.stagecraft.contracts.event.DeploymentStarted;
import dev.stagecraft.contracts.event.DeploymentStepChanged;
import dev.stagecraft.contracts.event.DeploymentSucceeded;
import dev.stagecraft.contracts.event.DeploymentSuperseded;
import dev.stagecraft.query.environment.EnvironmentKey;
import dev.stagecraft.query.environment.EnvironmentProjection;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Applies the events of a deployment to its row, its steps and its environment. */
@Component
@Transactional(propagation = Propagation.MANDATORY)
public class DeploymentProjection {

    private final DeploymentWriter deployments;
    private final StepWriter steps;
    private final EnvironmentProjection environments;

    DeploymentProjection(DeploymentWriter deployments, StepWriter steps, EnvironmentProjection environments) {
        this.deployments = deployments;
        this.steps = steps;
        this.environments = environments;
    }

    /**
     * @param current true if the event is newer than everything applied to its environment from its source, so
     *     it may change the environment's current state (the version that runs)
     */
    public void on(DeploymentEvent event, boolean current) {
        EnvironmentKey key = EnvironmentKey.of(event);
        DeploymentId id = event.deploymentId();
        DeploymentStatus status = DeploymentLifecycle.statusAfter(event);
        boolean earliest = deployments.ensure(event, key, status, causedBy(event));
        switch (event) {
            case DeploymentQueued e -> deployments.queued(e);
            case DeploymentAwaitingApproval e -> deployments.awaitingApproval(e);
            case DeploymentApproved e -> deployments.decidedBy(id, approver(e.approver(), e.actor()));
            case DeploymentRejected e -> deployments.decidedBy(id, approver(e.approver(), e.actor()));
            case DeploymentStarted e -> started(e);
            case DeploymentStepChanged e -> steps.changed(e);
            case DeploymentSucceeded e -> succeeded(e, key, current);
            case DeploymentFailed e -> finished(e);
            case DeploymentCancelled e -> finished(e);
            case DeploymentSuperseded e -> finished(e);
        }
        if (earliest) {
            // A later event of the same deployment cannot change which of the environment's deployments is the
            // last one requested; offering it again would only cost a statement.
            environments.offerLastDeployment(key, id);
        }
    }

    private void started(DeploymentStarted event) {
        deployments.started(event.deploymentId(), event.occurredAt());
        steps.planned(event);
    }

    private void succeeded(DeploymentSucceeded event, EnvironmentKey key, boolean current) {
        finished(event);
        if (!current) {
            return;
        }
        if (bringsVersion(event.deploymentId())) {
            environments.deployed(key, event.version(), event.links(), event.occurredAt());
        } else {
            environments.stopped(key, event.occurredAt());
        }
    }

    /** Archive and cleanup stop or remove what runs; they do not bring a version. Unknown means deploy. */
    private boolean bringsVersion(DeploymentId id) {
        return deployments
                .operation(id)
                .map(operation ->
                        !operation.equals(Operation.ARCHIVE.name()) && !operation.equals(Operation.CLEANUP.name()))
                .orElse(true);
    }

    private void finished(DeploymentEvent event) {
        Outcome.of(event).ifPresent(outcome -> deployments.finished(event.deploymentId(), outcome, event.occurredAt()));
    }

    /**
     * The command that caused the deployment. Approvals and rejections are correlated with the command that
     * approved or rejected it, not with the one that asked for it.
     */
    private static @Nullable CommandId causedBy(DeploymentEvent event) {
        return switch (event) {
            case DeploymentApproved e -> null;
            case DeploymentRejected e -> null;
            default -> event.commandId();
        };
    }

    private static String approver(@Nullable String approver, String actor) {
        return approver != null ? approver : actor;
    }
}
