package dev.stagecraft.contracts.event;

import dev.stagecraft.contracts.DeploymentId;

/** Events in the life of one deployment. */
public sealed interface DeploymentEvent extends Event
        permits DeploymentQueued,
                DeploymentAwaitingApproval,
                DeploymentApproved,
                DeploymentRejected,
                DeploymentStarted,
                DeploymentStepChanged,
                DeploymentSucceeded,
                DeploymentFailed,
                DeploymentCancelled,
                DeploymentSuperseded {

    DeploymentId deploymentId();
}
