package dev.stagecraft.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.EventId;
import dev.stagecraft.contracts.event.CommandAccepted;
import dev.stagecraft.contracts.event.CommandRejected;
import dev.stagecraft.contracts.event.DeploymentAwaitingApproval;
import dev.stagecraft.contracts.job.DeploymentJob;
import dev.stagecraft.testsupport.IsolatedEnvironment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Auto-promotion driven by the worker's {@code deployment.succeeded} (once per success, through approval where the
 * stage requires it, recorded like any command when refused), and {@code rollback} over REST and AMQP with the
 * bad mark it leaves, which auto-promotion respects and an explicit promote or update clears.
 */
class AutoPromotionAndRollbackIT extends PipelineITSupport {

    static final IsolatedEnvironment infra = IsolatedEnvironment.create("auto-promotion-rollback");

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        infra.register(registry);
    }

    @AfterAll
    static void drop() {
        infra.close();
    }

    @Test
    void aSucceededVersionIsPromotedOnceToTheNextAutoPromoteStageAndWaitsWhereApprovalIsRequired() {
        String app = registered("""
                {"environment":"development"},{"environment":"qa","autoPromote":true},
                {"environment":"prod","autoPromote":true,"requiresApproval":true}""");
        String inDevelopment = succeeded(promote(app, """
                {"version":"1.0.0","to":"development"}""", "alice"));

        await().until(() -> jobsFor(app, "qa").size() == 1);
        DeploymentJob qa = jobsFor(app, "qa").getFirst();
        assertThat(qa.actor()).isEqualTo("system:auto-promote");
        assertThat(qa.version()).isEqualTo("1.0.0");
        assertThat(qa.commandId()).isEqualTo(autoPromotionOf(inDevelopment));
        await().until(() -> events.of(CommandAccepted.class).stream()
                .anyMatch(e -> e.commandId().equals(qa.commandId()) && "auto-promote".equals(e.channel())));

        publishSucceeded(jobOf(inDevelopment), EventId.random());
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> jobsFor(app, "qa").size() == 1);

        succeed(qa.deploymentId().toString());
        await().until(() -> events.of(DeploymentAwaitingApproval.class).stream().anyMatch(e -> app.equals(e.app())));
        DeploymentAwaitingApproval awaiting = events.of(DeploymentAwaitingApproval.class).stream()
                .filter(e -> app.equals(e.app()))
                .findFirst()
                .orElseThrow();
        assertThat(awaiting.actor()).isEqualTo("system:auto-promote");
        assertThat(awaiting.stage()).isEqualTo("prod");
        assertThat(jobsFor(app, "prod")).isEmpty();

        String held = awaiting.deploymentId().toString();
        assertThat(post("/api/v1/deployments/" + held + "/approve", null, actor("alice"))
                        .status())
                .isEqualTo(202);
        assertThat(jobOf(held).environment()).isEqualTo("prod");
    }

    @Test
    void aRefusedAutoPromotionIsRecordedAsAnyRejectedCommand() {
        String app = registered("""
                {"environment":"development"},{"environment":"qa","autoPromote":true}""");
        String environments = "/api/v1/applications/" + app + "/environments";
        String inDevelopment = succeeded(post(environments, """
                {"name":"development","version":"1.0.0"}"""));
        await().until(() -> jobsFor(app, "qa").size() == 1);
        succeed(jobsFor(app, "qa").getFirst().deploymentId().toString());
        assertThat(post(environments + "/qa/archive", null).status()).isEqualTo(202);

        String second = succeeded(patch(environments + "/development", """
                {"version":"2.0.0"}"""));
        CommandRejected refused = awaitRejection(autoPromotionOf(second).toString());
        assertThat(refused.actor()).isEqualTo("system:auto-promote");
        assertThat(refused.commandType()).isEqualTo("promote");
        assertThat(refused.message()).startsWith("environment " + app + "/qa is ARCHIVE_PENDING (it will be ARCHIVED)");
        assertThat(jdbc.sql("SELECT channel FROM commands WHERE id = ?")
                        .param(autoPromotionOf(second).id())
                        .query(String.class)
                        .single())
                .isEqualTo("auto-promote");
        assertThat(inDevelopment).isNotEqualTo(second);
    }

    @Test
    void aRollbackReturnsToThePreviousGoodVersionAndMarksTheOtherBadUntilItIsPromotedExplicitly() {
        String app = registered("""
                {"environment":"development"},{"environment":"qa","autoPromote":true}""");
        String environments = "/api/v1/applications/" + app + "/environments";
        succeeded(post(environments, """
                {"name":"development","version":"1.0.0","commit":"aaaa111"}"""));
        await().until(() -> jobsFor(app, "qa").size() == 1);
        succeed(jobsFor(app, "qa").getFirst().deploymentId().toString());
        succeeded(patch(environments + "/qa", """
                {"overrides":{"FEATURE":"on"}}"""));
        succeeded(patch(environments + "/development", """
                {"version":"2.0.0","commit":"bbbb222"}"""));
        await().until(() -> jobsFor(app, "qa").size() == 3);
        DeploymentJob autoPromoted = jobsFor(app, "qa").get(2);
        assertThat(autoPromoted.version()).isEqualTo("2.0.0");
        assertThat(autoPromoted.commit()).isEqualTo("bbbb222");
        succeed(autoPromoted.deploymentId().toString());

        Answer rollback = post(environments + "/qa/rollback", null, actor("bob"));
        assertThat(rollback.status()).as(rollback.body()).isEqualTo(202);
        DeploymentJob back = jobOf(deploymentIdOf(rollback));
        assertThat(back.version()).isEqualTo("1.0.0");
        assertThat(back.commit()).isEqualTo("aaaa111");
        assertThat(back.actor()).isEqualTo("bob");
        assertThat(back.overrides()).containsEntry("FEATURE", "on");
        assertThat(badVersions(app, "qa")).containsExactly("2.0.0");
        succeed(back.deploymentId().toString());

        String againInDevelopment = succeeded(patch(environments + "/development", """
                {"overrides":{"X":"1"}}"""));
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> get("/api/v1/commands/" + autoPromotionOf(againInDevelopment))
                                        .status()
                                == 404
                        && jobsFor(app, "qa").size() == 4);

        Answer explicit = promote(app, """
                {"version":"2.0.0","to":"qa"}""", "alice");
        assertThat(explicit.status()).as(explicit.body()).isEqualTo(202);
        assertThat(badVersions(app, "qa")).isEmpty();
        succeed(deploymentIdOf(explicit));

        String overAmqp = UUID.randomUUID().toString();
        publishBare("rollback", """
                {"commandId":"%s","actor":"ci","app":"%s","environment":"qa","version":"1.0.0"}""".formatted(overAmqp, app));
        await().until(() -> jobsFor(app, "qa").stream()
                .anyMatch(job -> job.commandId().toString().equals(overAmqp)));
        assertThat(badVersions(app, "qa")).containsExactly("2.0.0");

        assertThat(patch(environments + "/qa", """
                {"version":"2.0.0"}""").status()).isEqualTo(202);
        assertThat(badVersions(app, "qa")).isEmpty();
    }

    @Test
    void aRollbackNeedsAVersionThatRanThereBefore() {
        String app = registered("""
                {"environment":"qa"}""");
        String environments = "/api/v1/applications/" + app + "/environments";
        succeeded(post(environments, """
                {"name":"review-1","version":"1.0.0"}"""));

        Answer nothingEarlier = post(environments + "/review-1/rollback", null);
        assertThat(nothingEarlier.status()).isEqualTo(409);
        assertThat(detail(nothingEarlier))
                .isEqualTo(app + "/review-1 has no earlier version that ran successfully there to roll back to (it"
                        + " has 1.0.0); deploy the version you want with PATCH " + environments + "/review-1");

        succeeded(patch(environments + "/review-1", """
                {"version":"2.0.0"}"""));
        Answer never = post(environments + "/review-1/rollback", """
                {"version":"7.7.7"}""");
        assertThat(never.status()).isEqualTo(409);
        assertThat(detail(never))
                .isEqualTo("7.7.7 never ran successfully in " + app + "/review-1, so it cannot be rolled back to;"
                        + " versions that ran successfully there: 1.0.0");
        Answer current = post(environments + "/review-1/rollback", """
                {"version":"2.0.0"}""");
        assertThat(current.status()).isEqualTo(409);
        assertThat(post(environments + "/nope/rollback", null).status()).isEqualTo(404);

        String commandId = UUID.randomUUID().toString();
        publishBare("rollback", """
                {"commandId":"%s","actor":"ci","app":"%s","environment":"review-1","version":"7.7.7"}""".formatted(commandId, app));
        assertThat(awaitRejection(commandId).message()).startsWith("7.7.7 never ran successfully in");
    }

    private static CommandId autoPromotionOf(String succeededDeployment) {
        return new CommandId(UUID.nameUUIDFromBytes(
                ("stagecraft:auto-promote:" + succeededDeployment).getBytes(StandardCharsets.UTF_8)));
    }
}
