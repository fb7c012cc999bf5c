package dev.stagecraft.command.deployment;

import dev.stagecraft.command.CommandRefusedException;
import dev.stagecraft.command.Decision;
import dev.stagecraft.contracts.DeploymentStatus;
import dev.stagecraft.contracts.command.CancelDeployment;
import dev.stagecraft.contracts.job.CancelJob;
import dev.stagecraft.messaging.Outbox;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Decides {@code deployment.cancel}: only a deployment that has not started can be cancelled; the worker
 * withdraws it from its environment's queue ({@code job.cancel}) and announces {@code deployment.cancelled}.
 */
@Component
public class DeploymentDecisions {

    private final Deployments deployments;
    private final Outbox outbox;

    DeploymentDecisions(Deployments deployments, Outbox outbox) {
        this.deployments = deployments;
        this.outbox = outbox;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Decision cancel(CancelDeployment command) {
        Deployments.Known deployment = deployments
                .find(command.deploymentId())
                .orElseThrow(() -> CommandRefusedException.notFound("deployment " + command.deploymentId()
                        + " is unknown; list an environment's deployments with GET /api/v1/applications/{app}"
                        + "/environments/{env}/deployments"));
        if (deployment.status() != DeploymentStatus.QUEUED) {
            throw CommandRefusedException.conflict("deployment " + deployment.id() + " of " + deployment.app() + "/"
                    + deployment.environment() + " is " + deployment.status()
                    + ", so it cannot be cancelled: only a QUEUED deployment can be"
                    + (deployment.status() == DeploymentStatus.RUNNING
                            ? "; wait for it to finish, then roll back or deploy another version"
                            : ""));
        }
        outbox.publish(new CancelJob(deployment.id(), command.commandId(), command.actor()));
        return new Decision(deployment.app(), deployment.environment(), deployment.id());
    }
}
