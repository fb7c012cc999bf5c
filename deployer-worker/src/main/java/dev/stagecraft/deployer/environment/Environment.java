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

import dev.stagecraft.contracts.EnvironmentStatus;
import dev.stagecraft.contracts.FailureReason;
import org.jspecify.annotations.Nullable;

/**
 * The runtime state of one environment {@code app/name}: its status, why, the version that runs and what the
 * last successful deployment left. Every status change goes through one method per transition, which the
 * {@link EnvironmentStateMachine} table guards; an illegal one is refused with a message naming the status.
 */
public final class Environment {

    private final String app;
    private final String name;
    private @Nullable EnvironmentStatus status;
    private @Nullable String statusReason;
    private @Nullable FailureReason failure;
    private @Nullable String actualVersion;
    private @Nullable Deployed deployed;

    public Environment(
            String app,
            String name,
            @Nullable EnvironmentStatus status,
            @Nullable String statusReason,
            @Nullable FailureReason failure,
            @Nullable String actualVersion,
            @Nullable Deployed deployed) {
        this.app = app;
        this.name = name;
        this.status = status;
        this.statusReason = statusReason;
        this.failure = failure;
        this.actualVersion = actualVersion;
        this.deployed = deployed;
    }

    /** An environment nothing has happened to yet ([*]). */
    public static Environment unborn(String app, String name) {
        return new Environment(app, name, null, null, null, null, null);
    }

    /** True when a DEPLOY creates the environment rather than updating it. */
    public boolean isNew() {
        return status == null || status == CLEANED;
    }

    public StatusChange startCreate(String reason) {
        return moveTo(CREATE_PENDING, "be created", reason, null);
    }

    public StatusChange startUpdate(String reason) {
        return moveTo(UPDATE_PENDING, "be updated", reason, null);
    }

    public StatusChange startArchive(String reason) {
        return moveTo(ARCHIVE_PENDING, "be archived", reason, null);
    }

    public StatusChange startRestore(String reason) {
        return moveTo(RESTORE_PENDING, "be restored", reason, null);
    }

    public StatusChange startCleanup(String reason) {
        return moveTo(CLEANUP_PENDING, "be cleaned up", reason, null);
    }

    /** A create, update or restore finished: {@code now} runs. */
    public StatusChange becameRunning(Deployed now, String reason) {
        guard(RUNNING, "become RUNNING", CREATE_PENDING, UPDATE_PENDING, RESTORE_PENDING);
        deployed = now;
        actualVersion = now.job().version();
        return moveTo(RUNNING, "become RUNNING", reason, null);
    }

    /** An archive finished; {@code stopped} is what is kept (null if nothing had ever run). */
    public StatusChange archived(@Nullable Deployed stopped, String reason) {
        guard(ARCHIVED, "become ARCHIVED", ARCHIVE_PENDING);
        deployed = stopped;
        return moveTo(ARCHIVED, "become ARCHIVED", reason, null);
    }

    public StatusChange cleaned(String reason) {
        guard(CLEANED, "become CLEANED", CLEANUP_PENDING);
        deployed = null;
        actualVersion = null;
        return moveTo(CLEANED, "become CLEANED", reason, null);
    }

    /** A pending operation failed: FAILURE, or CLEANUP_FAILED for a cleanup; what ran before stays recorded. */
    public StatusChange operationFailed(FailureReason why, String reason) {
        return status == CLEANUP_PENDING
                ? moveTo(CLEANUP_FAILED, "become CLEANUP_FAILED", reason, null)
                : moveTo(FAILURE, "become FAILURE", reason, why);
    }

    /** A check found a RUNNING environment unhealthy. */
    public StatusChange checkFailed(FailureReason why, String reason) {
        guard(FAILURE, "fail a check", RUNNING);
        return moveTo(FAILURE, "become FAILURE", reason, why);
    }

    /** A check found a failed environment healthy again. */
    public StatusChange checkPassed(String reason) {
        guard(RUNNING, "pass a check", FAILURE);
        return moveTo(RUNNING, "become RUNNING", reason, null);
    }

    private StatusChange moveTo(EnvironmentStatus target, String action, String reason, @Nullable FailureReason why) {
        if (!EnvironmentStateMachine.allows(status, target)) {
            throw new IllegalTransitionException(refusal(action, target));
        }
        EnvironmentStatus from = status;
        status = target;
        statusReason = reason;
        failure = why;
        return new StatusChange(from, target, actualVersion, reason, why);
    }

    /** Refuses a transition to {@code target} unless the table allows it and the status is one of {@code from}. */
    private void guard(EnvironmentStatus target, String action, EnvironmentStatus... from) {
        if (!java.util.List.of(from).contains(status) || !EnvironmentStateMachine.allows(status, target)) {
            throw new IllegalTransitionException(refusal(action, target));
        }
    }

    private String refusal(String action, EnvironmentStatus target) {
        String subject = "environment " + app + "/" + name;
        EnvironmentStatus current = status;
        if (current == null) {
            return subject + " does not exist yet, so it cannot " + action + "; create it first";
        }
        return subject + " is " + current + ", so it cannot " + action + "; " + hint(current, target);
    }

    private static String hint(EnvironmentStatus current, EnvironmentStatus target) {
        return switch (current) {
            case ARCHIVED -> "restore it first";
            case CLEANED -> "it was cleaned up; create it again";
            case CLEANUP_FAILED -> "its cleanup failed; remove what is left by hand";
            case CREATE_PENDING, UPDATE_PENDING, ARCHIVE_PENDING, RESTORE_PENDING, CLEANUP_PENDING ->
                "wait until its current deployment ends";
            case RUNNING, FAILURE ->
                switch (target) {
                    case CREATE_PENDING -> "it exists already; update it instead";
                    case RESTORE_PENDING -> "it is not archived";
                    case CLEANUP_PENDING -> "archive it first";
                    default -> "from " + current + " it can go to " + EnvironmentStateMachine.allowedFrom(current);
                };
        };
    }

    public String app() {
        return app;
    }

    public String name() {
        return name;
    }

    public @Nullable EnvironmentStatus status() {
        return status;
    }

    public @Nullable String statusReason() {
        return statusReason;
    }

    public @Nullable FailureReason failure() {
        return failure;
    }

    public @Nullable String actualVersion() {
        return actualVersion;
    }

    public @Nullable Deployed deployed() {
        return deployed;
    }
}
