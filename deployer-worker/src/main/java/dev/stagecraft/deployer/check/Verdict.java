package dev.stagecraft.deployer.check;

import dev.stagecraft.contracts.EnvironmentStatus;
import dev.stagecraft.contracts.FailureReason;
import dev.stagecraft.contracts.job.DeploymentJob;
import dev.stagecraft.deployer.driver.CheckResult;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one check of an environment's recorded workload means for the environment: its status move and its drift
 * move. A pure function of the status, the recorded job, the check's result and the drift announced last.
 */
record Verdict(StatusMove status, DriftMove drift) {

    /** What happens to the environment's status. */
    sealed interface StatusMove {

        /** Nothing: the check agrees with the status. */
        record Stays() implements StatusMove {}

        /** RUNNING → FAILURE. */
        record Fails(FailureReason why, String reason) implements StatusMove {}

        /** FAILURE → RUNNING: a later check passes. */
        record Recovers(String reason) implements StatusMove {}
    }

    /** What happens to the drift announced last. */
    sealed interface DriftMove {

        /** Nothing to announce or forget: no drift, the same drift as announced, or the version is not known. */
        record Unchanged() implements DriftMove {}

        /** A drift not announced yet: announce and remember it. */
        record Report(Drift drift, String detail) implements DriftMove {}

        /** The workload reports the recorded version again: forget the drift, so that a new one is announced. */
        record Clear() implements DriftMove {}
    }

    /** True if the check agrees with what is recorded: nothing to record. */
    boolean changesNothing() {
        return status instanceof StatusMove.Stays && drift instanceof DriftMove.Unchanged;
    }

    /**
     * Judges a check of an environment in {@code status} (RUNNING or FAILURE) whose recorded job is {@code recorded}.
     *
     * @param reported the drift announced last, or null
     */
    static Verdict of(EnvironmentStatus status, DeploymentJob recorded, CheckResult result, @Nullable Drift reported) {
        return new Verdict(statusMove(status, recorded.version(), result), driftMove(recorded, result, reported));
    }

    private static StatusMove statusMove(EnvironmentStatus status, String desired, CheckResult result) {
        FailureReason failure = result.failure();
        if (status == EnvironmentStatus.RUNNING && failure != null) {
            return new StatusMove.Fails(failure, failedReason(failure, desired, result));
        }
        if (status == EnvironmentStatus.FAILURE && failure == null) {
            return new StatusMove.Recovers("a later check passes: " + result.message());
        }
        return new StatusMove.Stays();
    }

    private static String failedReason(FailureReason failure, String desired, CheckResult result) {
        return switch (failure) {
            case GENERIC ->
                "a status check failed: " + result.message()
                        + "; it becomes RUNNING again when a later check passes, or deploy again";
            case PARTIAL_AVAILABILITY ->
                "a status check found it partially available: " + result.message()
                        + "; it becomes RUNNING again when a later check passes, or deploy again";
            case VERSION_MISMATCH ->
                "a status check found version "
                        + Objects.requireNonNullElse(result.actualVersion(), "(unknown)") + " running where "
                        + desired + " was deployed: " + result.message() + "; deploy " + desired + " again";
        };
    }

    private static DriftMove driftMove(DeploymentJob recorded, CheckResult result, @Nullable Drift reported) {
        String actual = result.actualVersion();
        if (actual == null) {
            return new DriftMove.Unchanged();
        }
        if (actual.equals(recorded.version())) {
            return reported == null ? new DriftMove.Unchanged() : new DriftMove.Clear();
        }
        Drift drift = new Drift(recorded.deploymentId(), recorded.version(), actual);
        if (drift.equals(reported)) {
            return new DriftMove.Unchanged();
        }
        return new DriftMove.Report(
                drift,
                "the workload reports version " + actual + " but deployment " + recorded.deploymentId()
                        + " deployed " + recorded.version() + " (" + result.message() + "); deploy "
                        + recorded.version() + " again, or find out what replaced it");
    }
}
