package dev.stagecraft.notifier.slack;

import static dev.stagecraft.notifier.TestEvents.failed;
import static dev.stagecraft.notifier.TestEvents.queued;
import static dev.stagecraft.notifier.TestEvents.started;
import static dev.stagecraft.notifier.TestEvents.step;
import static dev.stagecraft.notifier.TestEvents.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.DeploymentStatus;
import dev.stagecraft.contracts.EventId;
import dev.stagecraft.contracts.StepStatus;
import dev.stagecraft.contracts.event.DeploymentAwaitingApproval;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeploymentViewTest {

    final DeploymentId id = DeploymentId.random();

    @Test
    void followsADeploymentToItsOutcome() {
        DeploymentView view = DeploymentView.of(queued(id, "shop", "qa", 1, "1.7.0", "1.8.0"))
                .apply(started(id, "shop", "qa", 2))
                .apply(step(id, "shop", "qa", 3, "start", StepStatus.RUNNING, 40))
                .apply(succeeded(id, "shop", "qa", 4, "1.8.0", 5000));

        assertThat(view.status()).isEqualTo(DeploymentStatus.SUCCEEDED);
        assertThat(view.fromVersion()).isEqualTo("1.7.0");
        assertThat(view.toVersion()).isEqualTo("1.8.0");
        assertThat(view.plan()).containsExactly("prepare", "start", "health-check");
        assertThat(view.step().name()).isEqualTo("start");
        assertThat(view.durationMs()).isEqualTo(5000);
        assertThat(view.actor()).isEqualTo("alice");
    }

    @Test
    void anOutcomeIsNeverOverwrittenByALateEvent() {
        DeploymentView failed = DeploymentView.of(started(id, "shop", "qa", 2))
                .apply(failed(id, "shop", "qa", 5, "1.8.0", "health check timed out", "health-check"));

        DeploymentView late = failed.apply(step(id, "shop", "qa", 4, "start", StepStatus.DONE, 60))
                .apply(queued(id, "shop", "qa", 1, "1.7.0", "1.8.0"))
                .apply(succeeded(id, "shop", "qa", 6, "1.8.0", 1));

        assertThat(late.status()).isEqualTo(DeploymentStatus.FAILED);
        assertThat(late.error()).isEqualTo("health check timed out");
        assertThat(late.failedStep()).isEqualTo("health-check");
        assertThat(late.fromVersion())
                .as("a late queued event still fills in versions")
                .isEqualTo("1.7.0");
    }

    @Test
    void anOlderStepChangeDoesNotReplaceANewerOne() {
        DeploymentView view = DeploymentView.of(started(id, "shop", "qa", 2))
                .apply(step(id, "shop", "qa", 4, "health-check", StepStatus.RUNNING, 80))
                .apply(step(id, "shop", "qa", 3, "start", StepStatus.DONE, 60));

        assertThat(view.step().name()).isEqualTo("health-check");
    }

    @Test
    void applyingAnEventTwiceChangesNothing() {
        var event = step(id, "shop", "qa", 3, "start", StepStatus.RUNNING, 40);
        DeploymentView once = DeploymentView.of(started(id, "shop", "qa", 2)).apply(event);

        assertThat(once.apply(event)).isEqualTo(once);
    }

    @Test
    void aDeploymentCanStartByAwaitingApproval() {
        var awaiting = new DeploymentAwaitingApproval(
                EventId.random(),
                Instant.now(),
                CommandId.random(),
                "alice",
                "shop",
                "prod",
                1,
                id,
                null,
                "1.1.0",
                "1.0.0",
                "prod",
                null);

        DeploymentView view = DeploymentView.of(awaiting);
        assertThat(view.status()).isEqualTo(DeploymentStatus.AWAITING_APPROVAL);
        assertThat(view.apply(queued(id, "shop", "prod", 2, "1.0.0", "1.1.0")).status())
                .isEqualTo(DeploymentStatus.QUEUED);
    }
}
