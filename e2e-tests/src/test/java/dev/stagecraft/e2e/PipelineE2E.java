package dev.stagecraft.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stagecraft.contracts.MessageCodec;
import dev.stagecraft.e2e.Clients.Amqp;
import dev.stagecraft.e2e.Clients.Received;
import dev.stagecraft.testsupport.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * Issue 4's "done when": one version after another goes from {@code development} to {@code prod} through git
 * pushes, promotions, an automatic promotion, an approval and a rollback, driven over REST, AMQP, Slack and the
 * git web hook by users with different roles, against all four services running the demo app on the local
 * driver. Each step checks the events on the bus, the pipeline matrix and the diff; each rejection the issue
 * names (skipping a stage, self-approval, a locked environment, bad signatures) is driven through its channel.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineE2E {

    static final String APP = "pipe";
    static final String HOOK_SECRET = "e2e-git-hook-secret";
    static final String SLACK_SECRET = "e2e-slack-signing-secret";
    static final Duration DEPLOY = Duration.ofSeconds(60);

    static StagecraftCluster cluster;
    static Amqp amqp;
    static SlackResponses slack;
    static GitRepository git;
    static final List<Received> events = new ArrayList<>();
    static final HttpClient http = HttpClient.newHttpClient();

    static String daveToken;
    static String bobToken;
    static String firstCommit;
    static String secondCommit;
    static String v1;
    static String v2;

    @BeforeAll
    static void startStagecraft() throws Exception {
        cluster = StagecraftCluster.start(
                Map.of(
                        "STAGECRAFT_WEBHOOKS_GIT_SECRET",
                        HOOK_SECRET,
                        "STAGECRAFT_SLACK_SIGNING_SECRET",
                        SLACK_SECRET,
                        "STAGECRAFT_SLACK_RESPONSE_URL_HOSTS",
                        "127.0.0.1",
                        // a new commit is pushed between two diffs: let query-service fetch its mirror again at once
                        "STAGECRAFT_QUERY_GIT_FETCH_INTERVAL",
                        "1s"),
                Map.of());
        amqp = new Amqp(cluster.infra);
        slack = new SlackResponses();
        git = GitRepository.create(cluster.workDir.resolve("pipe.git-work"));
        firstCommit = git.commit("README", "pipe\n", "first version of pipe");
        v1 = firstCommit.substring(0, 7);
    }

    @AfterAll
    static void stopStagecraft() throws Exception {
        if (slack != null) {
            slack.close();
        }
        if (amqp != null) {
            amqp.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void anAdminRegistersThePipelineAndItsPeople() {
        String demo = cluster.repo.resolve("bootstrap/demo-app/DemoApp.java").toString();
        Reply registered = command("POST", "/api/v1/applications", Clients.ADMIN_TOKEN, """
                {"name":"%s","repository":"%s","driver":"local",
                 "driverSettings":{"command":"exec %s %s","healthPath":"/health"},
                 "pipeline":[{"environment":"development","branch":"main"},{"environment":"qa"},
                             {"environment":"staging","autoPromote":true},
                             {"environment":"prod","requiresApproval":true}]}""".formatted(
                        APP, git.path, ServiceProcess.javaBinary(), demo));
        assertThat(registered.status()).isEqualTo(202);

        daveToken = userWithToken("dave", "deployer", null);
        bobToken = userWithToken("bob", "approver", null);
        userWithToken("alice", "approver", "U0ALICE");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> query("/api/v1/applications/" + APP, daveToken).status() == 200);
    }

    @Test
    @Order(2)
    void aPushToMainDeploysTheCommitToDevelopment() {
        Reply pushed = push(firstCommit, "delivery-1", HOOK_SECRET);
        assertThat(pushed.status()).as(pushed.text()).isEqualTo(202);

        JsonNode development = awaitStage("development", v1);
        assertThat(development.path("lastDeployment").path("actor").asString()).isEqualTo("git:carol");
        assertThat(eventsOf("command.accepted", "development"))
                .anySatisfy(e -> assertThat(e.path("channel").asString()).isEqualTo("git"));

        Reply replayed = push(firstCommit, "delivery-1", HOOK_SECRET);
        assertThat(replayed.status()).as("a replayed delivery").isEqualTo(409);
        Reply forged = push(firstCommit, "delivery-2", "not-the-secret");
        assertThat(forged.status()).as("a badly signed delivery").isEqualTo(401);
        Reply unsigned = http(
                "POST",
                cluster.command.baseUrl() + "/webhooks/git",
                pushPayload(firstCommit),
                "application/json",
                "X-GitHub-Event",
                "push",
                "X-GitHub-Delivery",
                "delivery-3");
        assertThat(unsigned.status()).as("an unsigned delivery").isEqualTo(401);
    }

    @Test
    @Order(3)
    void aVersionCannotSkipAStageButMovesOnOverRestAndStagingFollowsByItself() {
        Reply skipping = promote(daveToken, v1, "staging");
        assertThat(skipping.status()).isEqualTo(409);
        assertThat(skipping.json().path("detail").asString()).contains("qa");

        Reply toQa = promote(daveToken, v1, null);
        assertThat(toQa.status()).as(toQa.text()).isEqualTo(202);
        awaitStage("qa", v1);
        JsonNode staging = awaitStage("staging", v1);
        assertThat(staging.path("lastDeployment").path("actor").asString()).isEqualTo("system:auto-promote");

        JsonNode diff = diff("development", "qa");
        assertThat(diff.path("inSync").asBoolean()).as(diff.toString()).isTrue();
    }

    @Test
    @Order(4)
    void prodWaitsForAnApprovalThatItsRequesterCannotGive() throws Exception {
        JsonNode ack = slashCommand("U0ALICE", "promote " + APP + " " + v1 + " to prod", "/promote-1");
        assertThat(ack.path("response_type").asString()).isEqualTo("ephemeral");
        JsonNode awaiting = awaitEvent("deployment.awaiting-approval", "prod");
        String deploymentId = awaiting.path("deploymentId").asString();
        assertThat(awaiting.path("actor").asString()).isEqualTo("alice");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !slack.to("/promote-1").isEmpty());
        assertThat(slack.to("/promote-1").getFirst().path("response_type").asString())
                .isEqualTo("in_channel");
        assertThat(stage("prod").path("awaitingApproval").toString()).contains(deploymentId);

        slashCommand("U0ALICE", "approve " + deploymentId, "/approve-self");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !slack.to("/approve-self").isEmpty());
        assertThat(slack.to("/approve-self").toString()).contains("someone else");
        Reply byDeployer = command("POST", "/api/v1/deployments/" + deploymentId + "/approve", daveToken, "{}");
        assertThat(byDeployer.status()).isEqualTo(403);
        assertThat(byDeployer.json().path("detail").asString()).contains("approver");

        Reply approved = command(
                "POST", "/api/v1/deployments/" + deploymentId + "/approve", bobToken, "{\"comment\":\"ship it\"}");
        assertThat(approved.status()).as(approved.text()).isEqualTo(202);
        assertThat(awaitEvent("deployment.approved", "prod").path("approver").asString())
                .isEqualTo("bob");
        JsonNode prod = awaitStage("prod", v1);
        assertThat(prod.path("awaitingApproval").isEmpty()).isTrue();
    }

    @Test
    @Order(5)
    void theNextCommitTravelsTheSameWayOverAmqp() throws Exception {
        secondCommit = git.commit("README", "pipe\nfaster checkout\n", "make the checkout faster");
        v2 = secondCommit.substring(0, 7);
        assertThat(push(secondCommit, "delivery-4", HOOK_SECRET).status()).isEqualTo(202);
        awaitStage("development", v2);

        amqp.publishBare("stagecraft.commands", "promote", """
                {"commandId":"%s","actor":"dave","app":"%s","version":"%s","to":"qa"}""".formatted(UUID.randomUUID(), APP, v2));
        awaitStage("qa", v2);
        awaitStage("staging", v2);

        JsonNode diff = diff("staging", "prod");
        assertThat(diff.toString()).contains(v1).contains(v2).contains("make the checkout faster");
        assertThat(diff.path("command").toString()).contains("promotions").contains(v2);

        Reply toProd = promote(daveToken, v2, "prod");
        assertThat(toProd.status()).as(toProd.text()).isEqualTo(202);
        String deploymentId = toProd.json().path("deploymentId").asString();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> stage("prod").path("awaitingApproval").toString().contains(deploymentId));
        amqp.publishBare("stagecraft.commands", "deployment.approve", """
                {"commandId":"%s","actor":"bob","deploymentId":"%s"}""".formatted(UUID.randomUUID(), deploymentId));
        awaitStage("prod", v2);
    }

    @Test
    @Order(6)
    void aLockedEnvironmentTurnsAwayEveryoneButItsHolder() {
        Reply locked = command(
                "PUT",
                "/api/v1/applications/" + APP + "/environments/qa/lock",
                daveToken,
                "{\"reason\":\"release freeze\"}");
        assertThat(locked.status()).as(locked.text()).isEqualTo(202);
        awaitEvent("environment.lock-changed", "qa");

        Reply byBob = command(
                "PATCH",
                "/api/v1/applications/" + APP + "/environments/qa",
                bobToken,
                "{\"overrides\":{\"LOG_LEVEL\":\"debug\"}}");
        assertThat(byBob.status()).as(byBob.text()).isEqualTo(423);
        assertThat(byBob.json().path("detail").asString()).contains("dave").contains("release freeze");

        Reply unlocked = command("DELETE", "/api/v1/applications/" + APP + "/environments/qa/lock", daveToken, null);
        assertThat(unlocked.status()).isEqualTo(202);
    }

    @Test
    @Order(7)
    void aRollbackFromSlackReturnsProdToThePreviousGoodVersion() throws Exception {
        slashCommand("U0ALICE", "rollback " + APP + " prod", "/rollback-1");
        JsonNode prod = awaitStage("prod", v1);
        assertThat(prod.path("lastDeployment").path("actor").asString()).isEqualTo("alice");

        JsonNode diff = diff("staging", "prod");
        assertThat(diff.path("from").path("version").asString()).isEqualTo(v2);
        assertThat(diff.path("to").path("version").asString()).isEqualTo(v1);

        JsonNode badSignature = slashCommandSignedWith("not-the-secret", "U0ALICE", "list");
        assertThat(badSignature.path("status").asInt()).isEqualTo(401);
    }

    @Test
    @Order(8)
    void theBusCarriedEachStepInOrder() throws IOException {
        amqp.drainEvents(events);
        List<String> prodTypes = events.stream()
                .filter(e -> "prod".equals(e.body().path("environment").asString()))
                .map(Received::type)
                .toList();
        assertThat(prodTypes)
                .containsSubsequence(
                        "deployment.awaiting-approval",
                        "deployment.approved",
                        "deployment.queued",
                        "deployment.succeeded")
                .contains("environment.spec-changed");
        Map<String, Long> channels = events.stream()
                .filter(e -> e.type().equals("command.accepted"))
                .collect(Collectors.groupingBy(e -> e.body().path("channel").asString(), Collectors.counting()));
        assertThat(channels).containsKeys("rest", "amqp", "slack", "git", "auto-promote");
    }

    // --- the channels ---

    record Reply(int status, String text) {
        JsonNode json() {
            return MessageCodec.instance().mapper().readTree(text);
        }
    }

    static Reply promote(String token, String version, String to) {
        String body = to == null
                ? "{\"version\":\"%s\"}".formatted(version)
                : "{\"version\":\"%s\",\"to\":\"%s\"}".formatted(version, to);
        return command("POST", "/api/v1/applications/" + APP + "/promotions", token, body);
    }

    static Reply command(String method, String path, String token, String json) {
        return http(
                method, cluster.command.baseUrl() + path, json, "application/json", "Authorization", "Bearer " + token);
    }

    static Reply query(String path, String token) {
        return http("GET", cluster.query.baseUrl() + path, null, null, "Authorization", "Bearer " + token);
    }

    static String userWithToken(String name, String role, String slackUserId) {
        String slack = slackUserId == null ? "" : ",\"slackUserId\":\"" + slackUserId + "\"";
        Reply created = command("POST", "/api/v1/users", Clients.ADMIN_TOKEN, """
                {"name":"%s","roles":[{"role":"%s"}]%s}""".formatted(name, role, slack));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        Reply token = command("POST", "/api/v1/users/" + name + "/tokens", Clients.ADMIN_TOKEN, "{\"label\":\"e2e\"}");
        assertThat(token.status()).as(token.text()).isEqualTo(201);
        return token.json().path("token").asString();
    }

    static Reply push(String commit, String delivery, String secret) {
        String payload = pushPayload(commit);
        return http(
                "POST",
                cluster.command.baseUrl() + "/webhooks/git",
                payload,
                "application/json",
                "X-GitHub-Event",
                "push",
                "X-GitHub-Delivery",
                delivery,
                "X-Hub-Signature-256",
                Signatures.github(secret, payload));
    }

    /** A push payload as GitHub sends it (the fields Stagecraft reads, and a few it does not). */
    static String pushPayload(String commit) {
        return """
                {"ref":"refs/heads/main","before":"0000000000000000000000000000000000000000","after":"%s",
                 "created":false,"deleted":false,"forced":false,
                 "repository":{"id":1296269,"name":"pipe","full_name":"acme/pipe","clone_url":"%s",
                               "html_url":"https://github.com/acme/pipe","default_branch":"main"},
                 "pusher":{"name":"carol","email":"carol@example.com"},
                 "head_commit":{"id":"%s","message":"a change","timestamp":"2026-12-03T10:00:00Z"},
                 "commits":[]}""".formatted(commit, git.path, commit);
    }

    static JsonNode slashCommand(String userId, String text, String responsePath) {
        Reply reply = slashCommandReply(SLACK_SECRET, userId, text, responsePath);
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        return reply.json();
    }

    static JsonNode slashCommandSignedWith(String secret, String userId, String text) {
        Reply reply = slashCommandReply(secret, userId, text, "/unused");
        return MessageCodec.instance().mapper().createObjectNode().put("status", reply.status());
    }

    /** A slash command as Slack posts it: form-encoded, signed with the app's signing secret. */
    static Reply slashCommandReply(String secret, String userId, String text, String responsePath) {
        String body = form(Map.of(
                "token", "gIkuvaNzQIHg97ATvDxqgjtO",
                "team_id", "T0001",
                "team_domain", "acme",
                "channel_id", "C2147483705",
                "channel_name", "deploys",
                "user_id", userId,
                "user_name", "someone",
                "command", "/stagecraft",
                "text", text,
                "response_url", slack.url(responsePath)));
        long timestamp = Instant.now().getEpochSecond();
        return http(
                "POST",
                cluster.command.baseUrl() + "/slack/commands",
                body,
                "application/x-www-form-urlencoded",
                "X-Slack-Request-Timestamp",
                Long.toString(timestamp),
                "X-Slack-Signature",
                Signatures.slack(secret, timestamp, body));
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static Reply http(String method, String url, String body, String contentType, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // --- what the read model and the bus show ---

    static JsonNode stage(String name) {
        JsonNode matrix = query("/api/v1/applications/" + APP, daveToken).json();
        for (JsonNode stage : matrix.path("pipeline")) {
            if (stage.path("stage").asString().equals(name)) {
                return stage;
            }
        }
        throw new AssertionError("no stage " + name + " in " + matrix);
    }

    /** Waits until the stage runs {@code version} with its last deployment succeeded, and answers its matrix row. */
    static JsonNode awaitStage(String name, String version) {
        await().atMost(DEPLOY).pollInterval(Duration.ofMillis(300)).until(() -> {
            JsonNode stage = stage(name);
            return version.equals(stage.path("version").asString())
                    && "RUNNING".equals(stage.path("status").asString())
                    && "SUCCEEDED"
                            .equals(stage.path("lastDeployment").path("status").asString());
        });
        return stage(name);
    }

    static JsonNode diff(String from, String to) {
        Reply diff = query("/api/v1/applications/" + APP + "/diff?from=" + from + "&to=" + to, daveToken);
        assertThat(diff.status()).as(diff.text()).isEqualTo(200);
        return diff.json();
    }

    static List<JsonNode> eventsOf(String type, String environment) {
        try {
            amqp.drainEvents(events);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return events.stream()
                .filter(e -> e.type().equals(type))
                .filter(e -> environment.equals(e.body().path("environment").asString()))
                .map(Received::body)
                .toList();
    }

    static JsonNode awaitEvent(String type, String environment) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !eventsOf(type, environment).isEmpty());
        return eventsOf(type, environment).getLast();
    }
}
