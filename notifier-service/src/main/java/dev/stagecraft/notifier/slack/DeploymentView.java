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
 * A deployment as far as its events tell: what its Slack messages show. Applying an event is idempotent
 * and the status only moves forward (an outcome is never overwritten by a late progress event), so the
 * view converges whatever order redeliveries arrive in. {@code stage} is the pipeline stage the deployment
 * enters (from the approval events, or the pipeline the notifier learnt from {@code application.registered});
 * {@code comment} is what the approver said.
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
        @Nullable Long durationMs,
        @Nullable String stage,
        @Nullable String comment) {

    public DeploymentView {
        plan = plan == null ? List.of() : List.copyOf(plan);
    }

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
                        null,
                        null,
                        null)
                .apply(event);
    }

    DeploymentView apply(DeploymentEvent event) {
        return switch (event) {
            case DeploymentQueued e -> queued(e).advance(DeploymentStatus.QUEUED);
            case DeploymentAwaitingApproval e ->
                requested(e.version(), e.fromVersion(), e.stage()).advance(DeploymentStatus.AWAITING_APPROVAL);
            case DeploymentApproved e ->
                requested(e.version(), e.fromVersion(), e.stage())
                        .answeredBy(e.approver(), e.comment())
                        .advance(DeploymentStatus.APPROVED);
            case DeploymentRejected e ->
                requested(e.version(), e.fromVersion(), e.stage())
                        .answeredBy(e.approver(), e.comment())
                        .advance(DeploymentStatus.REJECTED);
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

    /** This view knowing its stage, unless it knows one already. */
    DeploymentView inStage(@Nullable String pipelineStage) {
        return stage != null || pipelineStage == null ? this : with(new Changes().stage(pipelineStage));
    }

    private DeploymentView queued(DeploymentQueued e) {
        return with(new Changes().operation(e.operation()).versions(e.fromVersion(), e.toVersion()));
    }

    private DeploymentView requested(@Nullable String version, @Nullable String from, @Nullable String inStage) {
        return with(new Changes()
                .versions(fromVersion != null ? fromVersion : from, toVersion != null ? toVersion : version)
                .stage(stage != null ? stage : inStage));
    }

    private DeploymentView answeredBy(@Nullable String by, @Nullable String said) {
        return with(new Changes().approver(by != null ? by : approver).comment(said != null ? said : comment));
    }

    private DeploymentView withPlan(List<String> steps) {
        return with(new Changes().plan(steps));
    }

    private DeploymentView step(DeploymentStepChanged e) {
        if (status.isFinal() || (step != null && step.sequence() > e.sequence())) {
            return this;
        }
        return with(new Changes().step(new Step(e.step(), e.status(), e.message(), e.progress(), e.sequence())));
    }

    private DeploymentView ended(String version, @Nullable String endError, @Nullable String endStep, long duration) {
        if (status.isFinal()) {
            return this;
        }
        return with(new Changes()
                .versions(fromVersion, toVersion != null ? toVersion : version)
                .ended(endError, endStep, duration));
    }

    /** Moves the status forward; an outcome stays, and an earlier stage never replaces a later one. */
    private DeploymentView advance(DeploymentStatus next) {
        if (status.isFinal() || order(next) < order(status)) {
            return this;
        }
        return with(new Changes().status(next));
    }

    private static int order(DeploymentStatus status) {
        return switch (status) {
            case AWAITING_APPROVAL -> 0;
            case APPROVED -> 1;
            case QUEUED -> 2;
            case RUNNING -> 3;
            case REJECTED, SUCCEEDED, FAILED, CANCELLED, SUPERSEDED -> 4;
        };
    }

    private DeploymentView with(Changes c) {
        return new DeploymentView(
                deploymentId,
                app,
                environment,
                actor,
                c.status != null ? c.status : status,
                c.operation != null ? c.operation : operation,
                c.versionsSet ? c.fromVersion : fromVersion,
                c.versionsSet ? c.toVersion : toVersion,
                c.approverSet ? c.approver : approver,
                c.plan != null ? c.plan : plan,
                c.step != null ? c.step : step,
                c.endedSet ? c.error : error,
                c.endedSet ? c.failedStep : failedStep,
                c.endedSet ? c.durationMs : durationMs,
                c.stageSet ? c.stage : stage,
                c.commentSet ? c.comment : comment);
    }

    /** The fields one transition changes; the others are kept. */
    private static final class Changes {
        @Nullable
        DeploymentStatus status;

        @Nullable
        Operation operation;

        boolean versionsSet;

        @Nullable
        String fromVersion;

        @Nullable
        String toVersion;

        boolean approverSet;

        @Nullable
        String approver;

        @Nullable
        List<String> plan;

        @Nullable
        Step step;

        boolean endedSet;

        @Nullable
        String error;

        @Nullable
        String failedStep;

        @Nullable
        Long durationMs;

        boolean stageSet;

        @Nullable
        String stage;

        boolean commentSet;

        @Nullable
        String comment;

        Changes status(DeploymentStatus value) {
            status = value;
            return this;
        }

        Changes operation(Operation value) {
            operation = value;
            return this;
        }

        Changes versions(@Nullable String from, @Nullable String to) {
            versionsSet = true;
            fromVersion = from;
            toVersion = to;
            return this;
        }

        Changes approver(@Nullable String value) {
            approverSet = true;
            approver = value;
            return this;
        }

        Changes comment(@Nullable String value) {
            commentSet = true;
            comment = value;
            return this;
        }

        Changes plan(List<String> value) {
            plan = List.copyOf(value);
            return this;
        }

        Changes step(Step value) {
            step = value;
            return this;
        }

        Changes ended(@Nullable String endError, @Nullable String endStep, long duration) {
            endedSet = true;
            error = endError;
            failedStep = endStep;
            durationMs = duration;
            return this;
        }

        Changes stage(@Nullable String value) {
            stageSet = true;
            stage = value;
            return this;
        }
    }
}
