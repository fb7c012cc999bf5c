package dev.stagecraft.command.deployment;

import dev.stagecraft.command.CommandEvents;
import dev.stagecraft.command.CommandRefusedException;
import dev.stagecraft.command.Decision;
import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.DeploymentStatus;
import dev.stagecraft.contracts.EventId;
import dev.stagecraft.contracts.command.CancelDeployment;
import dev.stagecraft.contracts.event.DeploymentCancelled;
import dev.stagecraft.contracts.job.CancelJob;
import dev.stagecraft.messaging.Outbox;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Decides {@code deployment.cancel}: only a deployment that has not started can be cancelled. A QUEUED one is
 * withdrawn by the worker from its environment's queue ({@code job.cancel}), which then announces
 * {@code deployment.cancelled}; one AWAITING_APPROVAL has no job, so command-service ends it and announces
 * {@code deployment.cancelled} itself.
 */
@Component
public class DeploymentDecisions {

    private final Deployments deployments;
    private final CommandEvents events;
    private final Outbox outbox;
    private final Clock clock;

    DeploymentDecisions(Deployments deployments, CommandEvents events, Outbox outbox, Clock clock) {
        this.deployments = deployments;
        this.events = events;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Decision cancel(CancelDeployment command) {
        Deployments.Known deployment = known(command.deploymentId());
        switch (deployment.status()) {
            case QUEUED -> outbox.publish(new CancelJob(deployment.id(), command.commandId(), command.actor()));
            case AWAITING_APPROVAL -> withdraw(command, deployment);
            default ->
                throw CommandRefusedException.conflict("deployment " + deployment.id() + " of " + deployment.app()
                        + "/" + deployment.environment() + " is " + deployment.status()
                        + ", so it cannot be cancelled: only a QUEUED deployment or one AWAITING_APPROVAL can be"
                        + (deployment.status() == DeploymentStatus.RUNNING
                                ? "; wait for it to finish, then roll back or deploy another version"
                                : ""));
        }
        return new Decision(deployment.app(), deployment.environment(), deployment.id());
    }

    /** The deployment, or refused as unknown. */
    public Deployments.Known known(DeploymentId id) {
        return deployments
                .find(id)
                .orElseThrow(() -> CommandRefusedException.notFound("deployment " + id
                        + " is unknown; list an environment's deployments with GET /api/v1/applications/{app}"
                        + "/environments/{env}/deployments"));
    }

    private void withdraw(CancelDeployment command, Deployments.Known deployment) {
        Instant now = clock.instant();
        deployments.answered(deployment.id(), DeploymentStatus.CANCELLED, command.actor(), null, now);
        outbox.publish(new DeploymentCancelled(
                EventId.random(),
                now,
                command.commandId(),
                command.actor(),
                deployment.app(),
                deployment.environment(),
                events.sequence(deployment.app(), deployment.environment()),
                deployment.id(),
                deployment.version(),
                "cancelled by " + command.actor() + " while it awaited approval",
                null,
                0));
    }
}
