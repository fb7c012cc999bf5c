package dev.stagecraft.query.deployment;

import dev.stagecraft.contracts.DeploymentStatus;
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
import java.util.Arrays;
import java.util.List;

/**
 * The deployment status machine as the read model sees it (DESIGN.md §4): {@code AWAITING_APPROVAL →
 * APPROVED → QUEUED → RUNNING → final}. Events of one deployment come from two services (approvals from
 * command-service, the rest from deployer-worker) and may arrive in any order, so a status only ever moves
 * forward: a late {@code deployment.started} never turns a SUCCEEDED deployment back into RUNNING.
 */
final class DeploymentLifecycle {

    private DeploymentLifecycle() {}

    /** The status a deployment has once {@code event} happened. */
    static DeploymentStatus statusAfter(DeploymentEvent event) {
        return switch (event) {
            case DeploymentAwaitingApproval e -> DeploymentStatus.AWAITING_APPROVAL;
            case DeploymentApproved e -> DeploymentStatus.APPROVED;
            case DeploymentRejected e -> DeploymentStatus.REJECTED;
            case DeploymentQueued e -> DeploymentStatus.QUEUED;
            case DeploymentStarted e -> DeploymentStatus.RUNNING;
            case DeploymentStepChanged e -> DeploymentStatus.RUNNING;
            case DeploymentSucceeded e -> DeploymentStatus.SUCCEEDED;
            case DeploymentFailed e -> DeploymentStatus.FAILED;
            case DeploymentCancelled e -> DeploymentStatus.CANCELLED;
            case DeploymentSuperseded e -> DeploymentStatus.SUPERSEDED;
        };
    }

    /** True if a deployment that is {@code current} may become {@code proposed}: only forward, and never out of a final status. */
    static boolean mayMove(DeploymentStatus current, DeploymentStatus proposed) {
        return rank(proposed) > rank(current);
    }

    /** The statuses from which a deployment may become {@code proposed}. */
    static List<DeploymentStatus> predecessors(DeploymentStatus proposed) {
        return Arrays.stream(DeploymentStatus.values())
                .filter(status -> mayMove(status, proposed))
                .toList();
    }

    private static int rank(DeploymentStatus status) {
        if (status.isFinal()) {
            return 4;
        }
        return switch (status) {
            case AWAITING_APPROVAL -> 0;
            case APPROVED -> 1;
            case QUEUED -> 2;
            default -> 3;
        };
    }
}
