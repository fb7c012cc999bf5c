package dev.stagecraft.command.promotion;

import dev.stagecraft.command.CommandRefusedException;
import dev.stagecraft.command.Decision;
import dev.stagecraft.command.application.Application;
import dev.stagecraft.command.application.Applications;
import dev.stagecraft.command.deployment.Deployments;
import dev.stagecraft.command.environment.EnvironmentDecisions;
import dev.stagecraft.command.environment.EnvironmentQueries;
import dev.stagecraft.command.environment.VersionChange;
import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.command.Command;
import dev.stagecraft.contracts.command.Promote;
import dev.stagecraft.contracts.command.Stage;
import java.time.Clock;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Decides {@code promote}, and carries out a promotion once it is approved. The target is the stage named by
 * {@code to}, or the stage after the latest one where the version runs. A promotion is refused if the target
 * already holds the version, or (unless {@code force}) if the version does not run successfully in the stage
 * before the target; auto-promotion is also refused for a version marked bad there. Into a stage that requires
 * approval the deployment is held (AWAITING_APPROVAL, no job); otherwise it is deployed at once through
 * {@link EnvironmentDecisions}, with the commit recorded for the version in the stage before.
 */
@Component
class PromotionDecisions {

    private final Applications applications;
    private final EnvironmentDecisions environments;
    private final EnvironmentQueries queries;
    private final Deployments deployments;
    private final BadVersions badVersions;
    private final ApprovalEvents approvalEvents;
    private final Clock clock;

    PromotionDecisions(
            Applications applications,
            EnvironmentDecisions environments,
            EnvironmentQueries queries,
            Deployments deployments,
            BadVersions badVersions,
            ApprovalEvents approvalEvents,
            Clock clock) {
        this.applications = applications;
        this.environments = environments;
        this.queries = queries;
        this.deployments = deployments;
        this.badVersions = badVersions;
        this.approvalEvents = approvalEvents;
        this.clock = clock;
    }

    /**
     * One promotion to decide: what, where, for whom. {@code automatic}: submitted by auto-promotion and not
     * (yet) approved by a person, so it must not bring back a version marked bad, nor clear the mark.
     */
    private record Request(
            Command cause,
            String requester,
            Pipeline pipeline,
            Stage target,
            String version,
            boolean force,
            boolean automatic) {

        String app() {
            return pipeline.app();
        }
    }

    Decision promote(Promote command) {
        Pipeline pipeline = pipelineOf(command.app());
        Stage target = command.to() == null
                ? pipeline.next(
                        command.version(), stage -> state(pipeline.app(), stage).runs(command.version()))
                : pipeline.stage(command.to());
        Request request = new Request(
                command,
                command.actor(),
                pipeline,
                target,
                command.version(),
                command.force(),
                AutoPromotion.ACTOR.equals(command.actor()));
        check(request);
        String commit = commit(request);
        if (target.requiresApproval()) {
            return hold(request, commit);
        }
        return deploy(request, DeploymentId.random(), commit);
    }

    /**
     * Carries out a deployment that awaited approval, under its own id, for its requester: the rules are
     * checked again as they stand now (the previous-stage rule unless it was forced). An approved promotion is
     * a person's explicit choice, even if auto-promotion requested it.
     */
    Decision release(Command approval, Deployments.Known held) {
        Pipeline pipeline = pipelineOf(held.app());
        Stage target = pipeline.find(held.environment())
                .orElseThrow(() -> CommandRefusedException.conflict(held.environment() + " is no longer a stage of "
                        + held.app() + "'s pipeline (" + pipeline.names() + "); reject or cancel deployment "
                        + held.id()));
        Request request = new Request(approval, held.actor(), pipeline, target, held.version(), held.force(), false);
        check(request);
        return deploy(request, held.id(), held.commit());
    }

    private Pipeline pipelineOf(String app) {
        Application application = applications.lockRegistered(app);
        return Pipeline.of(application.name(), application.pipeline());
    }

    private void check(Request request) {
        PromotionRules.refuseIfHeld(request.app(), request.version(), state(request.app(), request.target()));
        if (!request.force()) {
            request.pipeline()
                    .before(request.target())
                    .ifPresent(previous -> PromotionRules.requireRunsIn(
                            request.app(), request.version(), request.target(), state(request.app(), previous)));
        }
        if (request.automatic()) {
            badVersions
                    .find(request.app(), request.target().environment(), request.version())
                    .ifPresent(mark -> {
                        throw CommandRefusedException.conflict(
                                mark.sentence(request.app(), request.target().environment())
                                        + ", so auto-promotion does not bring it back; promote it explicitly to"
                                        + " deploy it there again");
                    });
        }
    }

    private Decision hold(Request request, @Nullable String commit) {
        String app = request.app();
        String environment = request.target().environment();
        environments.refuseUnlessDeployable(app, environment, request.requester());
        deployments.awaitingApprovalIn(app, environment).ifPresent(pending -> {
            throw CommandRefusedException.conflict(app + "/" + environment + " already has deployment " + pending.id()
                    + " of " + pending.version() + " awaiting approval, requested by " + pending.actor()
                    + "; approve, reject or cancel it first (POST /api/v1/deployments/" + pending.id()
                    + "/approve, /reject or /cancel)");
        });
        Instant now = clock.instant();
        Deployments.Held held = new Deployments.Held(
                DeploymentId.random(),
                request.cause().commandId(),
                request.requester(),
                app,
                environment,
                request.version(),
                commit,
                state(app, request.target()).version(),
                request.force());
        deployments.awaitingApproval(held, now);
        approvalEvents.awaiting(held, now);
        return new Decision(app, environment, held.id());
    }

    private Decision deploy(Request request, DeploymentId deploymentId, @Nullable String commit) {
        String environment = request.target().environment();
        Decision decision = environments.deploy(new VersionChange(
                request.cause(),
                request.requester(),
                deploymentId,
                request.app(),
                environment,
                request.version(),
                commit));
        if (!request.automatic()) {
            badVersions.clear(request.app(), environment, request.version());
        }
        return decision;
    }

    /** The commit recorded for the version in the stage before the target, else in the target itself. */
    private @Nullable String commit(Request request) {
        String app = request.app();
        String commit = request.pipeline()
                .before(request.target())
                .map(previous -> queries.commitOf(app, previous.environment(), request.version()))
                .orElse(null);
        return commit != null ? commit : queries.commitOf(app, request.target().environment(), request.version());
    }

    private StageState state(String app, Stage stage) {
        return queries.state(app, stage.environment())
                .map(environment -> new StageState(
                        stage.environment(),
                        environment,
                        environment.lastDeploymentId() == null
                                ? null
                                : deployments
                                        .find(environment.lastDeploymentId())
                                        .orElse(null)))
                .orElseGet(() -> new StageState(stage.environment(), null, null));
    }
}
