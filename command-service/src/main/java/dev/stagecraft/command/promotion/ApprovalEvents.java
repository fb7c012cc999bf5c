package dev.stagecraft.command.promotion;

import dev.stagecraft.command.CommandEvents;
import dev.stagecraft.command.deployment.Deployments;
import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.EventId;
import dev.stagecraft.contracts.event.DeploymentApproved;
import dev.stagecraft.contracts.event.DeploymentAwaitingApproval;
import dev.stagecraft.contracts.event.DeploymentRejected;
import dev.stagecraft.messaging.Outbox;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Announces the approval steps of a deployment through the outbox, with the environment's next event sequence:
 * {@code deployment.awaiting-approval} (actor = the requester), {@code .approved} and {@code .rejected}
 * (actor = approver = who answered). {@code stage} is the environment the stage is bound to.
 */
@Component
class ApprovalEvents {

    private final CommandEvents events;
    private final Outbox outbox;

    ApprovalEvents(CommandEvents events, Outbox outbox) {
        this.events = events;
        this.outbox = outbox;
    }

    void awaiting(Deployments.Held held, Instant at) {
        outbox.publish(new DeploymentAwaitingApproval(
                EventId.random(),
                at,
                held.commandId(),
                held.actor(),
                held.app(),
                held.environment(),
                events.sequence(held.app(), held.environment()),
                held.id(),
                null,
                held.version(),
                held.fromVersion(),
                held.environment(),
                null));
    }

    void approved(Deployments.Known held, CommandId commandId, String approver, @Nullable String comment, Instant at) {
        outbox.publish(new DeploymentApproved(
                EventId.random(),
                at,
                commandId,
                approver,
                held.app(),
                held.environment(),
                events.sequence(held.app(), held.environment()),
                held.id(),
                approver,
                held.version(),
                held.fromVersion(),
                held.environment(),
                comment));
    }

    void rejected(Deployments.Known held, CommandId commandId, String approver, @Nullable String comment, Instant at) {
        outbox.publish(new DeploymentRejected(
                EventId.random(),
                at,
                commandId,
                approver,
                held.app(),
                held.environment(),
                events.sequence(held.app(), held.environment()),
                held.id(),
                approver,
                held.version(),
                held.fromVersion(),
                held.environment(),
                comment));
    }
}
