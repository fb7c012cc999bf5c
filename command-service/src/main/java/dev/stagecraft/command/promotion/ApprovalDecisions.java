package dev.stagecraft.command.promotion;

import dev.stagecraft.command.CommandRefusedException;
import dev.stagecraft.command.Decision;
import dev.stagecraft.command.RejectionCode;
import dev.stagecraft.command.deployment.DeploymentDecisions;
import dev.stagecraft.command.deployment.Deployments;
import dev.stagecraft.contracts.DeploymentStatus;
import dev.stagecraft.contracts.command.ApproveDeployment;
import dev.stagecraft.contracts.command.RejectDeployment;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Decides {@code deployment.approve} and {@code deployment.reject} of a deployment AWAITING_APPROVAL. Four eyes:
 * whoever answers must not be who requested it (judged by actor name; whether they hold the approver role is
 * checked before, by the handler). An approval announces {@code deployment.approved} and carries the
 * deployment out under the same id, the rules checked again as they stand now; if they refuse it now, the
 * approval is refused and the deployment keeps waiting. A rejection announces {@code deployment.rejected} and
 * ends it.
 */
@Component
class ApprovalDecisions {

    private final DeploymentDecisions deploymentDecisions;
    private final Deployments deployments;
    private final PromotionDecisions promotions;
    private final ApprovalEvents events;
    private final Clock clock;

    ApprovalDecisions(
            DeploymentDecisions deploymentDecisions,
            Deployments deployments,
            PromotionDecisions promotions,
            ApprovalEvents events,
            Clock clock) {
        this.deploymentDecisions = deploymentDecisions;
        this.deployments = deployments;
        this.promotions = promotions;
        this.events = events;
        this.clock = clock;
    }

    Decision approve(ApproveDeployment command) {
        Deployments.Known held = awaiting(deploymentDecisions.known(command.deploymentId()), "approved");
        if (held.actor().equals(command.actor())) {
            throw new CommandRefusedException(
                    RejectionCode.FORBIDDEN,
                    held.actor() + " requested this deployment; someone else with the approver role must approve it");
        }
        Instant now = clock.instant();
        deployments.answered(held.id(), DeploymentStatus.APPROVED, command.actor(), command.comment(), now);
        events.approved(held, command.commandId(), command.actor(), command.comment(), now);
        return promotions.release(command, held);
    }

    Decision reject(RejectDeployment command) {
        Deployments.Known held = awaiting(deploymentDecisions.known(command.deploymentId()), "rejected");
        if (held.actor().equals(command.actor())) {
            throw new CommandRefusedException(
                    RejectionCode.FORBIDDEN,
                    held.actor() + " requested this deployment; someone else with the approver role must reject it,"
                            + " or " + held.actor() + " may withdraw it with POST /api/v1/deployments/" + held.id()
                            + "/cancel");
        }
        Instant now = clock.instant();
        deployments.answered(held.id(), DeploymentStatus.REJECTED, command.actor(), command.comment(), now);
        events.rejected(held, command.commandId(), command.actor(), command.comment(), now);
        return new Decision(held.app(), held.environment(), held.id());
    }

    private static Deployments.Known awaiting(Deployments.Known deployment, String answer) {
        if (deployment.status() != DeploymentStatus.AWAITING_APPROVAL) {
            throw CommandRefusedException.conflict("deployment " + deployment.id() + " of " + deployment.app() + "/"
                    + deployment.environment() + " is " + deployment.status() + ", so it cannot be " + answer
                    + ": only a deployment AWAITING_APPROVAL can be");
        }
        return deployment;
    }
}
