package dev.stagecraft.query.deployment;

import static dev.stagecraft.contracts.DeploymentStatus.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.EventId;
import dev.stagecraft.contracts.StepStatus;
import dev.stagecraft.contracts.event.DeploymentApproved;
import dev.stagecraft.contracts.event.DeploymentCancelled;
import dev.stagecraft.query.Fixtures;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeploymentLifecycleTest {

    private static final DeploymentId ID = DeploymentId.random();

    @Test
    void eachEventImpliesItsStatus() {
        assertThat(DeploymentLifecycle.statusAfter(Fixtures.queued("shop", "qa", 1, ID, null, "1.0.0")))
                .isEqualTo(QUEUED);
        assertThat(DeploymentLifecycle.statusAfter(Fixtures.started("shop", "qa", 2, ID)))
                .isEqualTo(RUNNING);
        assertThat(DeploymentLifecycle.statusAfter(Fixtures.step("shop", "qa", 3, ID, "prepare", StepStatus.DONE, 25)))
                .isEqualTo(RUNNING);
        assertThat(DeploymentLifecycle.statusAfter(Fixtures.succeeded("shop", "qa", 4, ID, "1.0.0")))
                .isEqualTo(SUCCEEDED);
        assertThat(DeploymentLifecycle.statusAfter(new DeploymentApproved(
                        EventId.random(),
                        Instant.now(),
                        null,
                        "bob",
                        "shop",
                        "prod",
                        1,
                        ID,
                        "bob",
                        "1.0.0",
                        null,
                        "prod",
                        null)))
                .isEqualTo(APPROVED);
        assertThat(DeploymentLifecycle.statusAfter(new DeploymentCancelled(
                        EventId.random(), Instant.now(), null, "bob", "shop", "qa", 5, ID, "1.0.0", null, null, 0)))
                .isEqualTo(CANCELLED);
    }

    @Test
    void statusMovesOnlyForward() {
        assertThat(DeploymentLifecycle.mayMove(AWAITING_APPROVAL, APPROVED)).isTrue();
        assertThat(DeploymentLifecycle.mayMove(APPROVED, QUEUED)).isTrue();
        assertThat(DeploymentLifecycle.mayMove(QUEUED, RUNNING)).isTrue();
        assertThat(DeploymentLifecycle.mayMove(RUNNING, SUCCEEDED)).isTrue();
        assertThat(DeploymentLifecycle.mayMove(QUEUED, SUPERSEDED)).isTrue();

        assertThat(DeploymentLifecycle.mayMove(RUNNING, QUEUED)).isFalse();
        assertThat(DeploymentLifecycle.mayMove(QUEUED, APPROVED)).isFalse();
        assertThat(DeploymentLifecycle.mayMove(RUNNING, RUNNING)).isFalse();
    }

    @Test
    void onlyEarlierStatusesLeadToAStatus() {
        assertThat(DeploymentLifecycle.predecessors(RUNNING)).containsExactly(AWAITING_APPROVAL, APPROVED, QUEUED);
        assertThat(DeploymentLifecycle.predecessors(AWAITING_APPROVAL)).isEmpty();
    }

    @Test
    void aFinalStatusIsNeverLeft() {
        assertThat(DeploymentLifecycle.mayMove(SUCCEEDED, RUNNING)).isFalse();
        assertThat(DeploymentLifecycle.mayMove(SUCCEEDED, FAILED)).isFalse();
        assertThat(DeploymentLifecycle.mayMove(REJECTED, QUEUED)).isFalse();
        assertThat(DeploymentLifecycle.mayMove(CANCELLED, SUCCEEDED)).isFalse();
    }
}
