package dev.stagecraft.notifier.slack;

import dev.stagecraft.contracts.DeploymentId;
import org.jspecify.annotations.Nullable;

/**
 * One of a deployment's Slack messages ({@code kind}) claimed for delivery: post it if it has no {@code ts} yet, else update it to show
 * {@code view}, which is revision {@code revision} of the deployment.
 */
record PendingMessage(
        DeploymentId deploymentId,
        MessageKind kind,
        String channel,
        @Nullable String ts,
        DeploymentView view,
        long revision,
        int attempts) {

    boolean posted() {
        return ts != null;
    }
}
