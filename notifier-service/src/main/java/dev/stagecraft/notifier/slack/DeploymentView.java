package dev.stagecraft.notifier.slack;

import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.DeploymentStatus;
import dev.stagecraft.contracts.Operation;
import dev.stagecraft.contracts.StepStatus;
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
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A deployment as far as its events tell: what its Slack message shows. Applying an event is idempotent
 * and the status only moves forward (an outcome is never overwritten by a late progress event), so the
 * view converges whatever order redeliveries arrive in.
 */
record DeploymentView(
        DeploymentId deploymentId,
        @Nullable String app,
        @Nullable String environment,
        String actor,
        DeploymentStatus status,
        @Nullable Operation operation,
        @Nullable String fromVersion,
        @Nullable String toVersion,
        @Nullable String approver,
        List<String> plan,
        @Nullable Step step,
        @Nullable String error,
        @Nullable String failedStep,
        @Nullable Long durationMs) {

    /** The latest step change: name, status, message, progress 0–100 and its event sequence. */
    record Step(String name, StepStatus status, @Nullable String message, int progress, long sequence) {}

    /** The view of a deployment whose first event (to this notifier) is {@code event}. */
    static DeploymentView of(DeploymentEvent event) {
        return new DeploymentView(
                        event.deploymentId(),
                        event.app(),
                        event.environment(),
                        event.actor(),
                        DeploymentStatus.AWAITING_APPROVAL,
                        null,
                        null,
                        null,
                        null,
                        List.of(),
                        null,
                        null,
                        null,
                        null)
                .apply(event);
    }

    DeploymentView apply(DeploymentEvent event) {
        return switch (event) {
            case DeploymentQueued e -> queued(e).advance(DeploymentStatus.QUEUED);
            case DeploymentAwaitingApproval e -> advance(DeploymentStatus.AWAITING_APPROVAL);
            case DeploymentApproved e -> approvedBy(e.approver()).advance(DeploymentStatus.APPROVED);
            case DeploymentRejected e -> approvedBy(e.approver()).advance(DeploymentStatus.REJECTED);
            case DeploymentStarted e -> withPlan(e.plan()).advance(DeploymentStatus.RUNNING);
            case DeploymentStepChanged e -> step(e).advance(DeploymentStatus.RUNNING);
            case DeploymentSucceeded e ->
                ended(e.version(), e.error(), e.failedStep(), e.durationMs()).advance(DeploymentStatus.SUCCEEDED);
            case DeploymentFailed e ->
                ended(e.version(), e.error(), e.failedStep(), e.durationMs()).advance(DeploymentStatus.FAILED);
            case DeploymentCancelled e ->
                ended(e.version(), e.error(), e.failedStep(), e.durationMs()).advance(DeploymentStatus.CANCELLED);
            case DeploymentSuperseded e ->
                ended(e.version(), e.error(), e.failedStep(), e.durationMs()).advance(DeploymentStatus.SUPERSEDED);
        };
    }

    private DeploymentView queued(DeploymentQueued e) {
        return new DeploymentView(
                deploymentId,
                app,
                environment,
                actor,
                status,
                e.operation(),
                e.fromVersion(),
                e.toVersion(),
                approver,
                plan,
                step,
                error,
                failedStep,
                durationMs);
    }

    private DeploymentView approvedBy(@Nullable String by) {
        return new DeploymentView(
                deploymentId,
                app,
                environment,
                actor,
                status,
                operation,
                fromVersion,
                toVersion,
                by != null ? by : approver,
                plan,
                step,
                error,
                failedStep,
                durationMs);
    }

    private DeploymentView withPlan(List<String> steps) {
        return new DeploymentView(
                deploymentId,
                app,
                environment,
                actor,
                status,
                operation,
                fromVersion,
                toVersion,
                approver,
                List.copyOf(steps),
                step,
                error,
                failedStep,
                durationMs);
    }

    private DeploymentView step(DeploymentStepChanged e) {
        if (status.isFinal() || (step != null && step.sequence() > e.sequence())) {
            return this;
        }
        Step latest = new Step(e.step(), e.status(), e.message(), e.progress(), e.sequence());
        return new DeploymentView(
                deploymentId,
                app,
                environment,
                actor,
                status,
                operation,
                fromVersion,
                toVersion,
                approver,
                plan,
                latest,
                error,
                failedStep,
                durationMs);
    }

    private DeploymentView ended(String version, @Nullable String endError, @Nullable String endStep, long duration) {
        if (status.isFinal()) {
            return this;
        }
        return new DeploymentView(
                deploymentId,
                app,
                environment,
                actor,
                status,
                operation,
                fromVersion,
                toVersion != null ? toVersion : version,
                approver,
                plan,
                step,
                endError,
                endStep,
                duration);
    }

    /** Moves the status forward; an outcome stays, and an earlier stage never replaces a later one. */
    private DeploymentView advance(DeploymentStatus next) {
        if (status.isFinal() || stage(next) < stage(status)) {
            return this;
        }
        return new DeploymentView(
                deploymentId,
                app,
                environment,
                actor,
                next,
                operation,
                fromVersion,
                toVersion,
                approver,
                plan,
                step,
                error,
                failedStep,
                durationMs);
    }

    private static int stage(DeploymentStatus status) {
        return switch (status) {
            case AWAITING_APPROVAL -> 0;
            case APPROVED -> 1;
            case QUEUED -> 2;
            case RUNNING -> 3;
            case REJECTED, SUCCEEDED, FAILED, CANCELLED, SUPERSEDED -> 4;
        };
    }
}
