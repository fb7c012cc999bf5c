package dev.stagecraft.deployer.check;

import static dev.stagecraft.contracts.EnvironmentStatus.CLEANUP_FAILED;
import static dev.stagecraft.contracts.EnvironmentStatus.CLEANUP_PENDING;
import static dev.stagecraft.contracts.EnvironmentStatus.FAILURE;
import static dev.stagecraft.contracts.EnvironmentStatus.RUNNING;
import static dev.stagecraft.contracts.EnvironmentStatus.UPDATE_PENDING;
import static dev.stagecraft.contracts.FailureReason.GENERIC;
import static dev.stagecraft.contracts.FailureReason.PARTIAL_AVAILABILITY;
import static dev.stagecraft.contracts.FailureReason.VERSION_MISMATCH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.Operation;
import dev.stagecraft.contracts.job.DeploymentJob;
import dev.stagecraft.deployer.check.Verdict.DriftMove;
import dev.stagecraft.deployer.check.Verdict.StatusMove;
import dev.stagecraft.deployer.driver.CheckResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictTest {

    static final DeploymentJob V1 = job("1.0.0");
    static final CheckResult HEALTHY = CheckResult.healthy("1.0.0", "GET http://127.0.0.1:4000/health: 200");

    @Test
    void aRunningEnvironmentThatPassesStaysAsItIs() {
        assertThat(Verdict.of(RUNNING, V1, HEALTHY, null))
                .isEqualTo(new Verdict(new StatusMove.Stays(), new DriftMove.Unchanged()));
    }

    @Test
    void onlyACheckThatAgreesWithTheRecordChangesNothingSoThatItCostsNoTransaction() {
        Drift announced = new Drift(V1.deploymentId(), "1.0.0", "9.9.9");

        assertThat(Verdict.of(RUNNING, V1, HEALTHY, null).changesNothing()).isTrue();
        assertThat(Verdict.of(RUNNING, V1, HEALTHY, announced).changesNothing())
                .as("the drift is over: forget it")
                .isFalse();
        assertThat(Verdict.of(FAILURE, V1, HEALTHY, null).changesNothing())
                .as("recovers")
                .isFalse();
        assertThat(Verdict.of(RUNNING, V1, CheckResult.failed(GENERIC, null, "gone"), null)
                        .changesNothing())
                .isFalse();
    }

    @Test
    void aRunningEnvironmentThatFailsGoesToFailureWithTheCheckReasonAndMessage() {
        CheckResult gone = CheckResult.failed(GENERIC, null, "process 42 is gone");
        CheckResult partial = CheckResult.failed(PARTIAL_AVAILABILITY, "1.0.0", "1 of 3 replicas ready");

        assertThat(Verdict.of(RUNNING, V1, gone, null).status())
                .isEqualTo(new StatusMove.Fails(
                        GENERIC,
                        "a status check failed: process 42 is gone; it becomes RUNNING again when a later check"
                                + " passes, or deploy again"));
        assertThat(Verdict.of(RUNNING, V1, partial, null).status())
                .isEqualTo(new StatusMove.Fails(
                        PARTIAL_AVAILABILITY,
                        "a status check found it partially available: 1 of 3 replicas ready; it becomes RUNNING"
                                + " again when a later check passes, or deploy again"));
    }

    @Test
    void aVersionMismatchFailsAndIsReportedAsDrift() {
        CheckResult mismatch = CheckResult.failed(VERSION_MISMATCH, "9.9.9", "GET http://127.0.0.1:4000/health: 200");

        Verdict verdict = Verdict.of(RUNNING, V1, mismatch, null);

        assertThat(verdict.status())
                .isEqualTo(new StatusMove.Fails(
                        VERSION_MISMATCH,
                        "a status check found version 9.9.9 running where 1.0.0 was deployed:"
                                + " GET http://127.0.0.1:4000/health: 200; deploy 1.0.0 again"));
        assertThat(verdict.drift())
                .isEqualTo(new DriftMove.Report(
                        new Drift(V1.deploymentId(), "1.0.0", "9.9.9"),
                        "the workload reports version 9.9.9 but deployment " + V1.deploymentId() + " deployed 1.0.0"
                                + " (GET http://127.0.0.1:4000/health: 200); deploy 1.0.0 again, or find out what"
                                + " replaced it"));
    }

    @Test
    void aFailedEnvironmentRunsAgainWhenALaterCheckPassesAndStaysFailedOtherwise() {
        assertThat(Verdict.of(FAILURE, V1, HEALTHY, null).status())
                .isEqualTo(new StatusMove.Recovers("a later check passes: GET http://127.0.0.1:4000/health: 200"));
        assertThat(Verdict.of(FAILURE, V1, CheckResult.failed(GENERIC, null, "process 42 is gone"), null)
                        .status())
                .isEqualTo(new StatusMove.Stays());
    }

    @Test
    void aDriftIsReportedOnceAgainWhenItChangesAndForgottenWhenItGoesAway() {
        Drift reported = new Drift(V1.deploymentId(), "1.0.0", "9.9.9");

        assertThat(Verdict.of(FAILURE, V1, reporting("9.9.9"), reported).drift())
                .isEqualTo(new DriftMove.Unchanged());
        assertThat(Verdict.of(FAILURE, V1, reporting("9.9.10"), reported).drift())
                .isInstanceOfSatisfying(
                        DriftMove.Report.class,
                        report ->
                                assertThat(report.drift()).isEqualTo(new Drift(V1.deploymentId(), "1.0.0", "9.9.10")));
        assertThat(Verdict.of(FAILURE, V1, HEALTHY, reported).drift()).isEqualTo(new DriftMove.Clear());
        assertThat(Verdict.of(FAILURE, V1, CheckResult.failed(GENERIC, null, "process 42 is gone"), reported)
                        .drift())
                .as("a check that cannot tell the version keeps what was reported")
                .isEqualTo(new DriftMove.Unchanged());
    }

    @Test
    void theSameDriftFromTheSpecOfALaterDeploymentIsANewDrift() {
        DeploymentJob again = job("1.0.0");
        Drift reported = new Drift(V1.deploymentId(), "1.0.0", "9.9.9");

        assertThat(Verdict.of(RUNNING, again, reporting("9.9.9"), reported).drift())
                .isInstanceOfSatisfying(
                        DriftMove.Report.class,
                        report -> assertThat(report.drift())
                                .isEqualTo(new Drift(again.deploymentId(), "1.0.0", "9.9.9")));
    }

    @Test
    void aHealthyWorkloadReportingAnotherVersionStaysRunningButDrifts() {
        Verdict verdict = Verdict.of(RUNNING, V1, CheckResult.healthy("1.0.1", "2 of 2 replicas ready"), null);

        assertThat(verdict.status()).isEqualTo(new StatusMove.Stays());
        assertThat(verdict.drift()).isInstanceOf(DriftMove.Report.class);
    }

    @Test
    void aTimedOutPendingStatusSaysHowLongAndWhatToDo() {
        assertThat(CheckOutcomes.timedOutReason(UPDATE_PENDING, FAILURE, Duration.ofMinutes(10)))
                .isEqualTo("it stayed UPDATE_PENDING for more than 10m with no deployment running (the worker that"
                        + " ran it may have stopped); it can be updated (deploy a version that works) or archived");
        assertThat(CheckOutcomes.timedOutReason(CLEANUP_PENDING, CLEANUP_FAILED, Duration.ofMinutes(90)))
                .isEqualTo("it stayed CLEANUP_PENDING for more than 1h30m with no deployment running (the worker"
                        + " that ran it may have stopped); clean it up again");
        assertThat(CheckOutcomes.text(Duration.ofHours(2))).isEqualTo("2h");
        assertThat(CheckOutcomes.text(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(CheckOutcomes.text(Duration.ofMillis(300))).isEqualTo("300ms");
    }

    private static CheckResult reporting(String version) {
        return CheckResult.failed(VERSION_MISMATCH, version, "GET http://127.0.0.1:4000/health: 200");
    }

    private static DeploymentJob job(String version) {
        return new DeploymentJob(
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
                "local",
                Map.of(),
                Map.of(),
                Instant.parse("2025-01-01T00:00:00Z"));
    }
}
