package dev.stagecraft.command.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stagecraft.command.ServiceITSupport;
import dev.stagecraft.contracts.event.CommandAccepted;
import dev.stagecraft.contracts.job.DeploymentJob;
import dev.stagecraft.testsupport.IsolatedEnvironment;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * GitHub deliveries through HTTP, signed by the test as GitHub signs them: a push to a stage's branch creates the
 * stage's environment, the next one updates its version and commit keeping its overrides; unsigned, badly signed
 * and replayed deliveries are refused; pings, deleted branches and pushes no stage follows deploy nothing; a locked
 * stage refuses the push like anyone else.
 */
class GitWebhookIT extends ServiceITSupport {

    static final IsolatedEnvironment infra = IsolatedEnvironment.create("git-webhook");
    static final String SECRET = "s3cr3t-of-the-hook";
    static final String OTHER_SHA = "7638417db6d59f3c431d3e1f261cc637155684cd";

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        infra.register(registry);
        registry.add("stagecraft.webhooks.git.secret", () -> SECRET);
    }

    @AfterAll
    static void drop() {
        infra.close();
    }

    @Test
    void aPushToAStagesBranchCreatesItsEnvironmentThenUpdatesItKeepingOverrides() {
        String app = registered();
        String delivery = UUID.randomUUID().toString();
        Answer first =
                deliver("push", delivery, GitHubPayloads.push("acme/" + app, "develop", GitHubPayloads.SHA, "octocat"));

        assertThat(first.status()).isEqualTo(202);
        JsonNode command = first.json().get("commands").get(0);
        assertThat(command.get("app").stringValue()).isEqualTo(app);
        assertThat(command.get("environment").stringValue()).isEqualTo("development");
        assertThat(command.get("commandType").stringValue()).isEqualTo("environment.create");
        assertThat(command.get("status").stringValue()).isEqualTo("ACCEPTED");
        assertThat(command.get("commandId").stringValue())
                .isEqualTo(
                        UUID.nameUUIDFromBytes((delivery + "/" + app + "/development").getBytes(StandardCharsets.UTF_8))
                                .toString());
        assertThat(first.json().get("message").stringValue())
                .isEqualTo("deploying 0d1a26e (commit " + GitHubPayloads.SHA + ") to " + app + "/development");
        DeploymentJob created = awaitJob(app, 1);
        assertThat(created.environment()).isEqualTo("development");
        assertThat(created.version()).isEqualTo("0d1a26e");
        assertThat(created.commit()).isEqualTo(GitHubPayloads.SHA);
        assertThat(created.actor()).isEqualTo("git:octocat");
        assertThat(created.deploymentId().toString())
                .isEqualTo(command.get("deploymentId").stringValue());
        await().until(() -> events.of(CommandAccepted.class).stream()
                .anyMatch(e -> app.equals(e.app()) && "git".equals(e.channel())));

        assertThat(patch("/api/v1/applications/" + app + "/environments/development", """
                        {"overrides":{"FEATURE_X":"on"}}""")
                        .status())
                .isEqualTo(202);
        Answer second = deliver(
                "push",
                UUID.randomUUID().toString(),
                GitHubPayloads.push("acme/" + app, "develop", OTHER_SHA, "octocat"));
        assertThat(second.status()).isEqualTo(202);
        assertThat(second.json().get("commands").get(0).get("commandType").stringValue())
                .isEqualTo("environment.update");
        DeploymentJob updated = awaitJob(app, 3);
        assertThat(updated.version()).isEqualTo("7638417");
        assertThat(updated.commit()).isEqualTo(OTHER_SHA);
        assertThat(updated.overrides()).containsEntry("FEATURE_X", "on");
    }

    @Test
    void unsignedBadlySignedAndReplayedDeliveriesAreRefused() {
        String app = registered();
        String body = GitHubPayloads.push("acme/" + app, "develop", GitHubPayloads.SHA, "octocat");

        Answer unsigned = post("/webhooks/git", body, "X-GitHub-Event", "push", "X-GitHub-Delivery", "d-1");
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(unsigned.contentType()).startsWith("application/problem+json");
        assertThat(unsigned.json().get("detail").stringValue()).startsWith("the delivery has no X-Hub-Signature-256");

        Answer forged = post(
                "/webhooks/git",
                body,
                "X-GitHub-Event",
                "push",
                "X-GitHub-Delivery",
                "d-2",
                "X-Hub-Signature-256",
                Signature.of(body.getBytes(StandardCharsets.UTF_8), "not the secret"));
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.json().get("detail").stringValue()).contains("does not match its body");

        String delivery = UUID.randomUUID().toString();
        assertThat(deliver("push", delivery, body).status()).isEqualTo(202);
        Answer replayed = deliver("push", delivery, body);
        assertThat(replayed.status()).isEqualTo(409);
        assertThat(replayed.json().get("detail").stringValue())
                .isEqualTo("delivery " + delivery + " was received before; a delivery is acted on once");
        await().until(() -> jobsFor(app).size() == 1);
        assertThat(jobsFor(app)).hasSize(1);
    }

    @Test
    void pingsDeletedBranchesOtherEventsAndUnfollowedBranchesDeployNothing() {
        String app = registered();
        Answer ping = deliver("ping", UUID.randomUUID().toString(), """
                {"zen":"Keep it logically awesome.","hook_id":1}""");
        assertThat(ping.status()).isEqualTo(200);
        assertThat(ping.json().get("message").stringValue()).startsWith("pong");

        Answer deleted = deliver(
                "push",
                UUID.randomUUID().toString(),
                GitHubPayloads.push("acme/" + app, "develop", GitHubPayloads.ZERO_SHA, "octocat"));
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("message").stringValue())
                .isEqualTo("branch develop was deleted; nothing is deployed");

        Answer otherBranch = deliver(
                "push",
                UUID.randomUUID().toString(),
                GitHubPayloads.push("acme/" + app, "feature-1", GitHubPayloads.SHA, "octocat"));
        assertThat(otherBranch.status()).isEqualTo(200);
        assertThat(otherBranch.json().get("message").stringValue())
                .startsWith("no pipeline stage of an application with repository")
                .endsWith("follows branch feature-1; nothing is deployed");

        Answer issue = deliver("issues", UUID.randomUUID().toString(), "{\"action\":\"opened\"}");
        assertThat(issue.status()).isEqualTo(200);
        assertThat(issue.json().get("message").stringValue()).startsWith("event issues is ignored");
        assertThat(jobsFor(app)).isEmpty();
    }

    @Test
    void aLockedStageRefusesThePushLikeAnyoneElse() {
        String app = registered();
        assertThat(put("/api/v1/applications/" + app + "/environments/development/lock", """
                        {"reason":"debugging"}""", actor("alice"))
                        .status())
                .isEqualTo(202);
        Answer refused = deliver(
                "push",
                UUID.randomUUID().toString(),
                GitHubPayloads.push("acme/" + app, "develop", GitHubPayloads.SHA, "octocat"));
        assertThat(refused.status()).isEqualTo(200);
        JsonNode command = refused.json().get("commands").get(0);
        assertThat(command.get("status").stringValue()).isEqualTo("REJECTED");
        assertThat(command.get("code").stringValue()).isEqualTo("locked");
        assertThat(command.get("message").stringValue()).contains("is locked by alice since");
        assertThat(refused.json().get("message").stringValue()).startsWith("nothing deployed: refused 0d1a26e");
    }

    /** An application whose {@code development} stage follows branch {@code develop} of github.com/acme/{app}. */
    private String registered() {
        String app = uniqueName("shop");
        Answer registered = post("/api/v1/applications", """
                {"name":"%s","repository":"https://github.com/acme/%s.git","driver":"noop",
                 "pipeline":[{"environment":"development","branch":"develop"},{"environment":"qa"}]}""".formatted(app, app));
        assertThat(registered.status()).isEqualTo(202);
        return app;
    }

    private Answer deliver(String event, String delivery, String body) {
        return post(
                "/webhooks/git",
                body,
                "X-GitHub-Event",
                event,
                "X-GitHub-Delivery",
                delivery,
                "X-Hub-Signature-256",
                Signature.of(body.getBytes(StandardCharsets.UTF_8), SECRET),
                "User-Agent",
                "GitHub-Hookshot/7a3b1c2");
    }

    private DeploymentJob awaitJob(String app, int count) {
        await().until(() -> jobsFor(app).size() >= count);
        return jobsFor(app).get(count - 1);
    }

    private List<DeploymentJob> jobsFor(String app) {
        return jobs.of(DeploymentJob.class).stream()
                .filter(job -> job.app().equals(app))
                .toList();
    }
}
