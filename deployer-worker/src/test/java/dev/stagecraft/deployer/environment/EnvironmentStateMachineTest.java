package dev.stagecraft.deployer.environment;

import static dev.stagecraft.contracts.EnvironmentStatus.ARCHIVED;
import static dev.stagecraft.contracts.EnvironmentStatus.ARCHIVE_PENDING;
import static dev.stagecraft.contracts.EnvironmentStatus.CLEANED;
import static dev.stagecraft.contracts.EnvironmentStatus.CLEANUP_FAILED;
import static dev.stagecraft.contracts.EnvironmentStatus.CLEANUP_PENDING;
import static dev.stagecraft.contracts.EnvironmentStatus.CREATE_PENDING;
import static dev.stagecraft.contracts.EnvironmentStatus.FAILURE;
import static dev.stagecraft.contracts.EnvironmentStatus.RESTORE_PENDING;
import static dev.stagecraft.contracts.EnvironmentStatus.RUNNING;
import static dev.stagecraft.contracts.EnvironmentStatus.UPDATE_PENDING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.EnvironmentStatus;
import dev.stagecraft.contracts.FailureReason;
import dev.stagecraft.contracts.Operation;
import dev.stagecraft.contracts.job.DeploymentJob;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class EnvironmentStateMachineTest {

    @Test
    void tableIsTheDiagramOfDesignSection4() {
        assertThat(EnvironmentStateMachine.allowedFrom(null)).containsExactly(CREATE_PENDING);
        assertThat(EnvironmentStateMachine.allowedFrom(CREATE_PENDING)).containsExactlyInAnyOrder(RUNNING, FAILURE);
        assertThat(EnvironmentStateMachine.allowedFrom(RUNNING))
                .containsExactlyInAnyOrder(UPDATE_PENDING, ARCHIVE_PENDING, FAILURE);
        assertThat(EnvironmentStateMachine.allowedFrom(UPDATE_PENDING)).containsExactlyInAnyOrder(RUNNING, FAILURE);
        assertThat(EnvironmentStateMachine.allowedFrom(FAILURE))
                .containsExactlyInAnyOrder(UPDATE_PENDING, ARCHIVE_PENDING, RUNNING);
        assertThat(EnvironmentStateMachine.allowedFrom(ARCHIVE_PENDING)).containsExactlyInAnyOrder(ARCHIVED, FAILURE);
        assertThat(EnvironmentStateMachine.allowedFrom(ARCHIVED))
                .containsExactlyInAnyOrder(RESTORE_PENDING, CLEANUP_PENDING);
        assertThat(EnvironmentStateMachine.allowedFrom(RESTORE_PENDING)).containsExactlyInAnyOrder(RUNNING, FAILURE);
        assertThat(EnvironmentStateMachine.allowedFrom(CLEANUP_PENDING))
                .containsExactlyInAnyOrder(CLEANED, CLEANUP_FAILED);
        assertThat(EnvironmentStateMachine.allowedFrom(CLEANED)).containsExactly(CREATE_PENDING);
        assertThat(EnvironmentStateMachine.allowedFrom(CLEANUP_FAILED)).containsExactly(CLEANUP_PENDING);
    }

    @Test
    void createThenRunning() {
        Environment environment = Environment.unborn("shop", "qa");
        assertThat(environment.isNew()).isTrue();

        StatusChange pending = environment.startCreate("deploy 1.0.0");
        assertThat(pending.from()).isNull();
        assertThat(pending.announced()).isFalse();
        StatusChange running = environment.becameRunning(deployed("1.0.0"), "version 1.0.0 runs");

        assertThat(running).isEqualTo(new StatusChange(CREATE_PENDING, RUNNING, "1.0.0", "version 1.0.0 runs", null));
        assertThat(environment.actualVersion()).isEqualTo("1.0.0");
    }

    @Test
    void createFails() {
        Environment environment = Environment.unborn("shop", "qa");
        environment.startCreate("deploy 1.0.0");

        StatusChange failed = environment.operationFailed(FailureReason.GENERIC, "it never got healthy");

        assertThat(failed)
                .isEqualTo(
                        new StatusChange(CREATE_PENDING, FAILURE, null, "it never got healthy", FailureReason.GENERIC));
    }

    @Test
    void updateFromRunningAndFromFailure() {
        Environment environment = at(RUNNING, "1.0.0");
        assertThat(environment.startUpdate("deploy 2.0.0").to()).isEqualTo(UPDATE_PENDING);
        StatusChange failed = environment.operationFailed(FailureReason.VERSION_MISMATCH, "update to 2.0.0 failed");
        assertThat(failed)
                .isEqualTo(new StatusChange(
                        UPDATE_PENDING, FAILURE, "1.0.0", "update to 2.0.0 failed", FailureReason.VERSION_MISMATCH));
        assertThat(environment.failure()).isEqualTo(FailureReason.VERSION_MISMATCH);

        assertThat(environment.startUpdate("deploy 2.0.1"))
                .isEqualTo(new StatusChange(FAILURE, UPDATE_PENDING, "1.0.0", "deploy 2.0.1", null));
        assertThat(environment.becameRunning(deployed("2.0.1"), "ok"))
                .isEqualTo(new StatusChange(UPDATE_PENDING, RUNNING, "2.0.1", "ok", null));
        assertThat(environment.failure()).isNull();
    }

    @Test
    void archiveRestoreCleanupAndCreateAgain() {
        Environment environment = at(RUNNING, "1.0.0");
        assertThat(environment.startArchive("archive").to()).isEqualTo(ARCHIVE_PENDING);
        assertThat(environment.archived(deployed("1.0.0"), "archived").to()).isEqualTo(ARCHIVED);
        assertThat(environment.startRestore("restore").to()).isEqualTo(RESTORE_PENDING);
        assertThat(environment.becameRunning(deployed("1.0.0"), "restored").to())
                .isEqualTo(RUNNING);
        environment.startArchive("archive");
        environment.archived(deployed("1.0.0"), "archived");
        assertThat(environment.startCleanup("cleanup").to()).isEqualTo(CLEANUP_PENDING);
        assertThat(environment.cleaned("cleaned"))
                .isEqualTo(new StatusChange(CLEANUP_PENDING, CLEANED, null, "cleaned", null));
        assertThat(environment.deployed()).isNull();

        assertThat(environment.isNew()).isTrue();
        assertThat(environment.startCreate("again").from()).isEqualTo(CLEANED);
    }

    @Test
    void failedArchiveAndFailedCleanup() {
        Environment archiving = at(FAILURE, "1.0.0");
        archiving.startArchive("archive");
        assertThat(archiving
                        .operationFailed(FailureReason.GENERIC, "cannot stop")
                        .to())
                .isEqualTo(FAILURE);

        Environment cleaning = at(ARCHIVED, "1.0.0");
        cleaning.startCleanup("cleanup");
        assertThat(cleaning.operationFailed(FailureReason.GENERIC, "cannot delete")
                        .to())
                .isEqualTo(CLEANUP_FAILED);
    }

    @Test
    void checksMoveBetweenRunningAndFailure() {
        Environment environment = at(RUNNING, "1.0.0");
        assertThat(environment.checkFailed(FailureReason.PARTIAL_AVAILABILITY, "1 of 2 up"))
                .isEqualTo(
                        new StatusChange(RUNNING, FAILURE, "1.0.0", "1 of 2 up", FailureReason.PARTIAL_AVAILABILITY));
        assertThat(environment.checkPassed("healthy again").to()).isEqualTo(RUNNING);
    }

    @Test
    void refusesWhatTheTableForbidsNamingTheStatus() {
        assertThatThrownBy(() -> at(ARCHIVED, "1.0.0").startUpdate("deploy 2.0.0"))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessage("environment shop/qa is ARCHIVED, so it cannot be updated; restore it first");
        assertThatThrownBy(() -> at(UPDATE_PENDING, "1.0.0").startArchive("archive"))
                .hasMessage("environment shop/qa is UPDATE_PENDING, so it cannot be archived; "
                        + "wait until its current deployment ends");
        assertThatThrownBy(() -> at(RUNNING, "1.0.0").startRestore("restore"))
                .hasMessageStartingWith("environment shop/qa is RUNNING, so it cannot be restored;");
        assertThatThrownBy(() -> at(RUNNING, "1.0.0").startCreate("create"))
                .hasMessageStartingWith("environment shop/qa is RUNNING, so it cannot be created;");
        assertThatThrownBy(() -> Environment.unborn("shop", "qa").startArchive("archive"))
                .hasMessage("environment shop/qa does not exist yet, so it cannot be archived; create it first");
        assertThatThrownBy(() -> at(CLEANUP_FAILED, null).startRestore("restore"))
                .hasMessageContaining("is CLEANUP_FAILED");
        assertThatThrownBy(() -> at(FAILURE, "1.0.0").becameRunning(deployed("1.0.0"), "deployed"))
                .hasMessageStartingWith("environment shop/qa is FAILURE, so it cannot become RUNNING");
        assertThatThrownBy(() -> at(RUNNING, "1.0.0").cleaned("gone")).hasMessageContaining("is RUNNING");
    }

    @Test
    void everyPairOutsideTheTableIsRefused() {
        for (EnvironmentStatus from : EnvironmentStatus.values()) {
            Set<EnvironmentStatus> forbidden = EnumSet.allOf(EnvironmentStatus.class);
            forbidden.removeAll(EnvironmentStateMachine.allowedFrom(from));
            forbidden.forEach(to -> assertThat(EnvironmentStateMachine.allows(from, to))
                    .as(from + " -> " + to)
                    .isFalse());
        }
    }

    private static Environment at(EnvironmentStatus status, @Nullable String version) {
        return new Environment("shop", "qa", status, null, null, version, version == null ? null : deployed(version));
    }

    private static Deployed deployed(String version) {
        DeploymentJob job = new DeploymentJob(
                DeploymentId.random(),
                CommandId.random(),
                "alice",
                "shop",
                "qa",
                Operation.DEPLOY,
                version,
                null,
                Map.of(),
                Map.of(),
                "noop",
                Map.of(),
                Map.of(),
                Instant.parse("2026-01-01T00:00:00Z"));
        return new Deployed(job, null, null, null, null);
    }
}
