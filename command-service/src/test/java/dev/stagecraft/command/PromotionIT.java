package dev.stagecraft.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.event.CommandRejected;
import dev.stagecraft.contracts.event.DeploymentApproved;
import dev.stagecraft.contracts.event.DeploymentAwaitingApproval;
import dev.stagecraft.contracts.event.DeploymentCancelled;
import dev.stagecraft.contracts.event.DeploymentRejected;
import dev.stagecraft.contracts.job.DeploymentJob;
import dev.stagecraft.testsupport.IsolatedEnvironment;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code promote} over REST and AMQP: stage by stage, the previous-stage rule and its refusals, the next stage
 * resolved without {@code to}, {@code force}; approvals with four eyes, rejection and the withdrawal of a
 * pending approval. The worker is simulated as in the other ITs.
 */
class PromotionIT extends PipelineITSupport {

    static final IsolatedEnvironment infra = IsolatedEnvironment.create("promotion");

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        infra.register(registry);
    }

    @AfterAll
    static void drop() {
        infra.close();
    }

    private static final String THREE_STAGES = """
            {"environment":"development"},{"environment":"qa"},{"environment":"staging"}""";

    @Test
    void aVersionMovesStageByStageAndMayNotSkipOne() {
        String app = registered(THREE_STAGES);
        succeeded(post("/api/v1/applications/" + app + "/environments", """
                {"name":"development","version":"1.0.0","commit":"abc1234"}"""));

        Answer toQa = promote(app, """
                {"version":"1.0.0"}""", "alice");
        assertThat(toQa.status()).as(toQa.body()).isEqualTo(202);
        DeploymentJob qaJob = jobOf(deploymentIdOf(toQa));
        assertThat(qaJob.environment()).isEqualTo("qa");
        assertThat(qaJob.version()).isEqualTo("1.0.0");
        assertThat(qaJob.commit()).isEqualTo("abc1234");
        assertThat(qaJob.actor()).isEqualTo("alice");
        assertThat(qaJob.overrides()).containsEntry("LOG_LEVEL", "info");

        Answer skipping = promote(app, """
                {"version":"1.0.0","to":"staging"}""", "alice");
        assertThat(skipping.status()).isEqualTo(409);
        assertThat(detail(skipping))
                .isEqualTo(app + " 1.0.0 cannot enter staging: it does not run in qa (qa is CREATE_PENDING; its"
                        + " deployment of 1.0.0 is QUEUED); promote it to qa first");

        succeed(deploymentIdOf(toQa));
        Answer notInDevelopment = promote(app, """
                {"version":"2.0.0","to":"qa"}""", "alice");
        assertThat(notInDevelopment.status()).isEqualTo(409);
        assertThat(detail(notInDevelopment))
                .isEqualTo(app + " 2.0.0 cannot enter qa: it does not run in development (development runs 1.0.0,"
                        + " RUNNING); promote it to development first");
        Answer again = promote(app, """
                {"version":"1.0.0","to":"qa"}""", "alice");
        assertThat(again.status()).isEqualTo(409);
        assertThat(detail(again))
                .isEqualTo(app + " 1.0.0 already runs in qa (qa runs 1.0.0, RUNNING); there is nothing to promote");

        succeeded(promote(app, """
                {"version":"1.0.0"}""", "alice"));
        Answer pastTheEnd = promote(app, """
                {"version":"1.0.0"}""", "alice");
        assertThat(pastTheEnd.status()).isEqualTo(409);
        assertThat(detail(pastTheEnd))
                .isEqualTo(app + " 1.0.0 already runs in staging, the last stage of the pipeline; there is nothing to"
                        + " promote it to");
    }

    @Test
    void aPromotionKeepsTheTargetsOverridesAndCarriesTheCommitOfTheStageBefore() {
        String app = registered(THREE_STAGES);
        String environments = "/api/v1/applications/" + app + "/environments";
        succeeded(post(environments, """
                {"name":"development","version":"1.0.0"}"""));
        succeeded(promote(app, """
                {"version":"1.0.0","to":"qa"}""", "alice"));
        succeeded(patch(environments + "/qa", """
                {"overrides":{"FEATURE":"on"}}"""));
        succeeded(patch(environments + "/development", """
                {"version":"2.0.0","commit":"def5678"}"""));

        Answer promoted = promote(app, """
                {"version":"2.0.0","to":"qa"}""", "alice");
        DeploymentJob job = jobOf(deploymentIdOf(promoted));
        assertThat(job.version()).isEqualTo("2.0.0");
        assertThat(job.commit()).isEqualTo("def5678");
        assertThat(job.overrides()).containsEntry("FEATURE", "on").containsEntry("LOG_LEVEL", "info");
    }

    @Test
    void refusalsNameTheStagesOrWhereToStart() {
        String app = registered(THREE_STAGES);
        Answer unknown = promote(app, """
                {"version":"1.0.0","to":"prod-eu"}""", "alice");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(detail(unknown))
                .isEqualTo("promote is invalid: to 'prod-eu' is not a stage of " + app
                        + "'s pipeline; its stages are development, qa, staging");
        assertThat(unknown.json().get("errors").get(0).get("field").stringValue())
                .isEqualTo("to");

        Answer nowhere = promote(app, """
                {"version":"9.9.9"}""", "alice");
        assertThat(nowhere.status()).isEqualTo(409);
        assertThat(detail(nowhere))
                .isEqualTo(app + " 9.9.9 does not run successfully in any stage of the pipeline (development, qa,"
                        + " staging), so there is no next stage; deploy it to development first (promote with"
                        + " \"to\":\"development\")");

        Answer noVersion = promote(app, "{}", "alice");
        assertThat(noVersion.status()).isEqualTo(400);
        assertThat(detail(noVersion)).contains("version is required");

        String commandId = UUID.randomUUID().toString();
        publishBare("promote", """
                {"commandId":"%s","actor":"ci","app":"%s","version":"1.0.0","to":"staging"}""".formatted(commandId, app));
        CommandRejected overAmqp = awaitRejection(commandId);
        assertThat(overAmqp.code()).isEqualTo("conflict");
        assertThat(overAmqp.message())
                .isEqualTo(app + " 1.0.0 cannot enter staging: it does not run in qa (qa does not exist yet);"
                        + " promote it to qa first");
        awaitDeadLettered(commandId);
    }

    @Test
    void forceSkipsThePreviousStageRule() {
        String app = registered(THREE_STAGES);
        Answer forced = promote(app, """
                {"version":"3.0.0","to":"staging","force":true}""", "root");
        assertThat(forced.status()).as(forced.body()).isEqualTo(202);
        assertThat(jobOf(deploymentIdOf(forced)).environment()).isEqualTo("staging");

        CommandId overAmqp = CommandId.random();
        publishBare("promote", """
                {"commandId":"%s","actor":"ci","app":"%s","version":"3.0.0","to":"qa","force":true}""".formatted(overAmqp, app));
        await().until(() -> jobsFor(app, "qa").size() == 1);
        assertThat(jobsFor(app, "qa").getFirst().commandId()).isEqualTo(overAmqp);
    }

    @Test
    void aStageThatRequiresApprovalHoldsTheDeploymentUntilSomeoneElseApprovesIt() {
        String app = registered("""
                {"environment":"qa"},{"environment":"prod","requiresApproval":true}""");
        succeeded(promote(app, """
                {"version":"1.0.0","to":"qa"}""", "alice"));

        Answer held = promote(app, """
                {"version":"1.0.0"}""", "alice");
        assertThat(held.status()).as(held.body()).isEqualTo(202);
        String deploymentId = deploymentIdOf(held);
        DeploymentAwaitingApproval awaiting = awaitEvent(DeploymentAwaitingApproval.class, deploymentId);
        assertThat(awaiting.actor()).isEqualTo("alice");
        assertThat(awaiting.version()).isEqualTo("1.0.0");
        assertThat(awaiting.fromVersion()).isNull();
        assertThat(awaiting.stage()).isEqualTo("prod");
        assertThat(deploymentStatus(deploymentId)).isEqualTo("AWAITING_APPROVAL");
        assertThat(jobsFor(app, "prod")).isEmpty();

        Answer second = promote(app, """
                {"version":"1.0.0","to":"prod"}""", "carol");
        assertThat(second.status()).isEqualTo(409);
        assertThat(detail(second))
                .isEqualTo(app + "/prod already has deployment " + deploymentId + " of 1.0.0 awaiting approval,"
                        + " requested by alice; approve, reject or cancel it first (POST /api/v1/deployments/"
                        + deploymentId + "/approve, /reject or /cancel)");

        Answer selfApproval = post("/api/v1/deployments/" + deploymentId + "/approve", null, actor("alice"));
        assertThat(selfApproval.status()).isEqualTo(403);
        assertThat(detail(selfApproval))
                .isEqualTo("alice requested this deployment; someone else with the approver role must approve it");

        String approval = UUID.randomUUID().toString();
        publishBare("deployment.approve", """
                {"commandId":"%s","actor":"bob","deploymentId":"%s","comment":"looks good"}""".formatted(approval, deploymentId));
        DeploymentJob job = jobOf(deploymentId);
        assertThat(job.environment()).isEqualTo("prod");
        assertThat(job.version()).isEqualTo("1.0.0");
        assertThat(job.actor()).isEqualTo("alice");
        assertThat(job.commandId().toString()).isEqualTo(approval);
        DeploymentApproved approved = awaitEvent(DeploymentApproved.class, deploymentId);
        assertThat(approved.approver()).isEqualTo("bob");
        assertThat(approved.comment()).isEqualTo("looks good");
        assertThat(approved.stage()).isEqualTo("prod");
        assertThat(deploymentStatus(deploymentId)).isEqualTo("QUEUED");

        Answer late = post("/api/v1/deployments/" + deploymentId + "/reject", null, actor("carol"));
        assertThat(late.status()).isEqualTo(409);
        assertThat(detail(late))
                .isEqualTo("deployment " + deploymentId + " of " + app + "/prod is QUEUED, so it cannot be rejected:"
                        + " only a deployment AWAITING_APPROVAL can be");
    }

    @Test
    void aPendingApprovalCanBeRejectedOrWithdrawn() {
        String app = registered("""
                {"environment":"qa"},{"environment":"prod","requiresApproval":true}""");
        succeeded(promote(app, """
                {"version":"1.0.0","to":"qa"}""", "alice"));

        String first = deploymentIdOf(promote(app, """
                {"version":"1.0.0","to":"prod"}""", "alice"));
        Answer rejected = post("/api/v1/deployments/" + first + "/reject", """
                {"comment":"not during the sale"}""", actor("bob"));
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(202);
        DeploymentRejected rejection = awaitEvent(DeploymentRejected.class, first);
        assertThat(rejection.approver()).isEqualTo("bob");
        assertThat(rejection.comment()).isEqualTo("not during the sale");
        assertThat(deploymentStatus(first)).isEqualTo("REJECTED");
        assertThat(post("/api/v1/deployments/" + first + "/approve", null, actor("carol"))
                        .status())
                .isEqualTo(409);

        String second = deploymentIdOf(promote(app, """
                {"version":"1.0.0","to":"prod"}""", "alice"));
        Answer ownReject = post("/api/v1/deployments/" + second + "/reject", null, actor("alice"));
        assertThat(ownReject.status()).isEqualTo(403);
        Answer withdrawn = post("/api/v1/deployments/" + second + "/cancel", null, actor("alice"));
        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(202);
        DeploymentCancelled cancelled = awaitEvent(DeploymentCancelled.class, second);
        assertThat(cancelled.actor()).isEqualTo("alice");
        assertThat(cancelled.version()).isEqualTo("1.0.0");
        assertThat(deploymentStatus(second)).isEqualTo("CANCELLED");
        Answer approveWithdrawn = post("/api/v1/deployments/" + second + "/approve", null, actor("bob"));
        assertThat(approveWithdrawn.status()).isEqualTo(409);
        assertThat(detail(approveWithdrawn)).contains("is CANCELLED, so it cannot be approved");

        assertThat(post("/api/v1/deployments/" + UUID.randomUUID() + "/approve", null)
                        .status())
                .isEqualTo(404);
        assertThat(post("/api/v1/deployments/latest/approve", null).status()).isEqualTo(400);
        assertThat(jobsFor(app, "prod")).isEmpty();
    }

    @Test
    void anApprovalChecksTheRulesAgainAsTheyStandThen() {
        String app = registered("""
                {"environment":"qa"},{"environment":"prod","requiresApproval":true}""");
        String environments = "/api/v1/applications/" + app + "/environments";
        succeeded(promote(app, """
                {"version":"1.0.0","to":"qa"}""", "alice"));
        String held = deploymentIdOf(promote(app, """
                {"version":"1.0.0","to":"prod"}""", "alice"));
        assertThat(patch(environments + "/qa", """
                {"version":"2.0.0"}""").status()).isEqualTo(202);

        Answer approval = post("/api/v1/deployments/" + held + "/approve", null, actor("bob"));
        assertThat(approval.status()).isEqualTo(409);
        assertThat(detail(approval))
                .isEqualTo(app + " 1.0.0 cannot enter prod: it does not run in qa (qa is RUNNING; its deployment of"
                        + " 2.0.0 is QUEUED); promote it to qa first");
        assertThat(deploymentStatus(held)).isEqualTo("AWAITING_APPROVAL");
    }
}
