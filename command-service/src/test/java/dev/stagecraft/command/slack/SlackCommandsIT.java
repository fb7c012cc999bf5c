package dev.stagecraft.command.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stagecraft.command.ServiceITSupport;
import dev.stagecraft.command.access.Caller;
import dev.stagecraft.command.access.Grant;
import dev.stagecraft.command.access.Role;
import dev.stagecraft.command.access.ServiceCredentials;
import dev.stagecraft.command.access.SlackIdentities;
import dev.stagecraft.command.slack.SlackResponseUrl.FollowUp;
import dev.stagecraft.contracts.MessageCodec;
import dev.stagecraft.contracts.event.CommandAccepted;
import dev.stagecraft.contracts.event.CommandRejected;
import dev.stagecraft.testsupport.IsolatedEnvironment;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The slash command through HTTP as Slack sends it (form-encoded, signed), with a stand-in for the
 * {@code response_url} that checks Slack's documented payload and one for query-service's documented JSON.
 */
class SlackCommandsIT extends ServiceITSupport {

    static final String SECRET = "slack-it-signing-secret";
    static final String ALICE = "U0ALICE01";
    static final String NOBODY = "U0NOBODY1";

    static final IsolatedEnvironment infra = IsolatedEnvironment.create("slack-commands");
    static final SlackResponseUrl slack = SlackResponseUrl.start();
    static final QueryServiceStandIn queryService = QueryServiceStandIn.start();
    static final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        infra.register(registry);
        registry.add("stagecraft.slack.signing-secret", () -> SECRET);
        registry.add("stagecraft.slack.response-url-hosts", () -> "127.0.0.1");
        registry.add("stagecraft.slack.query-timeout", () -> "2s");
        registry.add("stagecraft.command.query-base-url", queryService::baseUrl);
    }

    @AfterAll
    static void drop() {
        slack.close();
        queryService.close();
        infra.close();
    }

    /** alice is mapped (an admin); every other Slack user is not. */
    @TestConfiguration(proxyBeanMethods = false)
    static class SlackUsers {

        @Bean
        @Primary
        SlackIdentities testSlackIdentities() {
            return slackUserId -> ALICE.equals(slackUserId)
                    ? Optional.of(Caller.user("alice", List.of(Grant.everywhere(Role.ADMIN))))
                    : Optional.empty();
        }

        @Bean
        @Primary
        ServiceCredentials testServiceCredentials() {
            return () -> "Bearer stagecraft-service-test";
        }
    }

    @AfterEach
    void followUpsWereShapedAsSlackDocuments() {
        assertThat(slack.problems()).isEmpty();
    }

    @Test
    void aSignedPromoteIsAcknowledgedAtOnceAndItsOutcomeFollowsInTheChannel() {
        String app = registeredOverAmqp();
        SlashCommand promote = SlashCommand.of(ALICE, "promote " + app + " 1.0.0 to qa");

        Signed request = promote.signed();
        Instant sent = Instant.now();
        Reply ack = send(request);
        assertThat(Duration.between(sent, Instant.now())).isLessThan(Duration.ofSeconds(3));
        assertThat(ack.status()).isEqualTo(200);
        assertThat(ack.json().path("response_type").asString()).isEqualTo("ephemeral");
        assertThat(ack.json().path("text").asString()).isEqualTo("Sending `promote " + app + " 1.0.0 to qa` as alice…");

        String commandId = promote.commandId().toString();
        await().until(() ->
                accepted(commandId).isPresent() || rejected(commandId).isPresent());
        FollowUp followUp = await().until(() -> slack.to(promote.responseUrl), Optional::isPresent)
                .orElseThrow();
        assertThat(followUp.responseType()).isEqualTo("in_channel");
        if (accepted(commandId).isPresent()) {
            CommandAccepted event = accepted(commandId).orElseThrow();
            assertThat(event.actor()).isEqualTo("alice");
            assertThat(event.channel()).isEqualTo("slack");
            assertThat(followUp.text()).startsWith("alice: promote " + app + " 1.0.0 to qa accepted");
            if (event.deploymentId() != null) {
                assertThat(followUp.text()).contains(event.deploymentId().toString());
            }
        } else {
            CommandRejected event = rejected(commandId).orElseThrow();
            assertThat(event.actor()).isEqualTo("alice");
            assertThat(event.commandType()).isEqualTo("promote");
            assertThat(followUp.text())
                    .isEqualTo("alice: promote " + app + " 1.0.0 to qa was rejected: " + event.message());
            assertThat(followUp.blocks()).contains(":no_entry:", "(" + event.code() + ")");
        }

        Reply replayed = send(request);
        assertThat(replayed.status()).isEqualTo(401);
        assertThat(replayed.body()).startsWith("This request was received before");
    }

    @Test
    void unsignedOrBadlySignedRequestsAreRefusedWithASentenceAndCauseNothing() {
        String app = registeredOverAmqp();
        SlashCommand forged = SlashCommand.of(ALICE, "promote " + app + " 6.6.6 to qa");

        Reply wrongSecret = send(forged.signedWith("not-the-secret", Instant.now()));
        assertThat(wrongSecret.status()).isEqualTo(401);
        assertThat(wrongSecret.contentType()).startsWith("text/plain");
        assertThat(wrongSecret.body())
                .isEqualTo("The request's signature does not match; check that stagecraft.slack.signing-secret is"
                        + " the Slack app's signing secret.");
        Reply stale = send(forged.signedWith(SECRET, Instant.now().minus(Duration.ofMinutes(6))));
        assertThat(stale.status()).isEqualTo(401);
        assertThat(stale.body()).contains("more than 5 minutes from now");
        Reply unsigned = send(forged.unsigned());
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(unsigned.body()).startsWith("The request is not signed");

        // a later, valid request is served; by then the forged ones would have shown
        SlashCommand list = SlashCommand.of(ALICE, "list");
        assertThat(send(list.signed()).status()).isEqualTo(200);
        await().until(() -> slack.to(list.responseUrl), Optional::isPresent);
        assertThat(slack.to(forged.responseUrl)).isEmpty();
        assertThat(accepted(forged.commandId().toString())).isEmpty();
        assertThat(rejected(forged.commandId().toString())).isEmpty();
    }

    @Test
    void anUnmappedSlackUserMayAskButNotCommand() {
        String app = registeredOverAmqp();
        SlashCommand promote = SlashCommand.of(NOBODY, "promote " + app + " 1.0.0 to qa");
        Reply refused = send(promote.signed());
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.json().path("response_type").asString()).isEqualTo("ephemeral");
        assertThat(refused.json().path("text").asString())
                .isEqualTo("Your Slack user " + NOBODY + " is not mapped to a Stagecraft user; ask an admin to set"
                        + " your slackUserId (until then you may use list, diff and help)");

        SlashCommand list = SlashCommand.of(NOBODY, "list");
        assertThat(send(list.signed()).json().path("text").asString()).isEqualTo("Looking it up…");
        FollowUp apps = await().until(() -> slack.to(list.responseUrl), Optional::isPresent)
                .orElseThrow();
        assertThat(apps.responseType()).isEqualTo("in_channel");
        assertThat(apps.text()).isEqualTo("2 application(s): shop, billing");
        assertThat(apps.blocks()).contains("Applications (2)", "*shop* · development → qa → staging → prod");

        assertThat(slack.to(promote.responseUrl)).isEmpty();
        assertThat(accepted(promote.commandId().toString())).isEmpty();
        assertThat(rejected(promote.commandId().toString())).isEmpty();
    }

    @Test
    void listAndDiffShowQueryServicesAnswersAsBlockKit() {
        FollowUp matrix = followUpOf(SlashCommand.of(NOBODY, "list shop"));
        assertThat(matrix.responseType()).isEqualTo("in_channel");
        assertThat(matrix.text()).isEqualTo("shop: development 1.9.0, qa –, prod 1.8.0");
        assertThat(matrix.json().path("blocks").get(0).path("type").asString()).isEqualTo("header");
        assertThat(matrix.blocks())
                .contains("shop pipeline")
                .contains("*development*\\n`1.9.0` · RUNNING")
                .contains("last: deploy `1.9.0` SUCCEEDED by alice at 2026-03-14T09:00:19Z")
                .contains("1 queued, next `2.0.0` by bob")
                .contains("*qa*\\nnot deployed yet")
                .contains("*prod* :lock: approval")
                .contains("1 ad-hoc environment(s)");

        FollowUp diff = followUpOf(SlashCommand.of(ALICE, "diff shop qa prod"));
        assertThat(diff.text()).isEqualTo("shop: qa → prod: differs");
        assertThat(diff.blocks())
                .contains("*From* qa\\n`1.9.0` · RUNNING", "*To* prod\\n`1.8.0` · RUNNING")
                .contains("+ `FEATURE_X`", "− `OLD_FLAG`", "~ `LOG_LEVEL`: `info` → `debug`")
                .contains(":key: `API_TOKEN` changed", ":key: `NEW_TOKEN` added")
                .doesNotContain("DB_PASSWORD")
                .contains("*Commits* (2)", "`3f2a9c1` add the checkout — Cid")
                .contains("To bring it level: `/stagecraft promote shop 1.9.0 to prod`");

        FollowUp unknown = followUpOf(SlashCommand.of(NOBODY, "list nope"));
        assertThat(unknown.responseType()).isEqualTo("ephemeral");
        assertThat(unknown.text())
                .isEqualTo("application nope is unknown to query-service; list applications with GET"
                        + " /api/v1/applications");

        assertThat(queryService.authorizations()).isNotEmpty().containsOnly("Bearer stagecraft-service-test");
    }

    @Test
    void helpAndUnreadableTextAreAnsweredAtOnceWithUsage() {
        Reply help = send(SlashCommand.of(NOBODY, "help").signed());
        assertThat(help.json().path("response_type").asString()).isEqualTo("ephemeral");
        assertThat(help.json().path("text").asString())
                .contains("/stagecraft promote <app> <version> [to <stage>] [--force]")
                .contains("/stagecraft diff <app> <from-env> <to-env>");

        Reply unreadable = send(SlashCommand.of(ALICE, "promote shop").signed());
        assertThat(unreadable.json().path("text").asString())
                .isEqualTo("`promote` needs an application and a version, optionally `to <stage>`; usage:"
                        + " `/stagecraft promote <app> <version> [to <stage>] [--force]`");

        SlashCommand elsewhere = SlashCommand.of(ALICE, "list").answeringAt("https://evil.example/commands/x");
        assertThat(send(elsewhere.signed()).json().path("text").asString())
                .contains("cannot answer at this request's response_url");
    }

    private FollowUp followUpOf(SlashCommand command) {
        Reply ack = send(command.signed());
        assertThat(ack.status()).isEqualTo(200);
        return await().until(() -> slack.to(command.responseUrl), Optional::isPresent)
                .orElseThrow();
    }

    private Optional<CommandAccepted> accepted(String commandId) {
        return events.of(CommandAccepted.class).stream()
                .filter(e -> e.commandId() != null && e.commandId().toString().equals(commandId))
                .findFirst();
    }

    private Optional<CommandRejected> rejected(String commandId) {
        return events.of(CommandRejected.class).stream()
                .filter(e -> e.commandId() != null && e.commandId().toString().equals(commandId))
                .findFirst();
    }

    /** A slash command invocation as Slack would post it, with a response_url and trigger_id of its own. */
    static final class SlashCommand {

        final String userId;
        final String text;
        final String triggerId =
                "398738663015.47445629121." + UUID.randomUUID().toString().replace("-", "");
        String responseUrl = slack.newUrl();

        private SlashCommand(String userId, String text) {
            this.userId = userId;
            this.text = text;
        }

        static SlashCommand of(String userId, String text) {
            return new SlashCommand(userId, text);
        }

        SlashCommand answeringAt(String url) {
            responseUrl = url;
            return this;
        }

        dev.stagecraft.contracts.CommandId commandId() {
            return SlashCommandRequest.of(body().getBytes(StandardCharsets.UTF_8))
                    .commandId();
        }

        String body() {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("token", "gIkuvaNzQIHg97ATvDxqgjtO");
            form.put("team_id", "T0STAGE");
            form.put("team_domain", "stagecraft");
            form.put("channel_id", "C0DEPLOYS1");
            form.put("channel_name", "deployments");
            form.put("user_id", userId);
            form.put("user_name", "someone");
            form.put("command", "/stagecraft");
            form.put("text", text);
            form.put("api_app_id", "A0STAGE01");
            form.put("is_enterprise_install", "false");
            form.put("response_url", responseUrl);
            form.put("trigger_id", triggerId);
            return form.entrySet().stream()
                    .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                    .collect(Collectors.joining("&"));
        }

        Signed signed() {
            return signedWith(SECRET, Instant.now());
        }

        Signed signedWith(String secret, Instant at) {
            String timestamp = String.valueOf(at.getEpochSecond());
            String body = body();
            return new Signed(
                    body,
                    timestamp,
                    SlackSignatures.sign(
                            secret.getBytes(StandardCharsets.UTF_8), timestamp, body.getBytes(StandardCharsets.UTF_8)));
        }

        Signed unsigned() {
            return new Signed(body(), null, null);
        }

        private static String encode(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
    }

    record Signed(String body, String timestamp, String signature) {}

    record Reply(int status, String contentType, String body) {
        JsonNode json() {
            return MessageCodec.instance().mapper().readTree(body);
        }
    }

    private Reply send(Signed request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slack/commands"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("User-Agent", "Slackbot 1.0 (+https://api.slack.com/robots)")
                .POST(HttpRequest.BodyPublishers.ofString(request.body()));
        if (request.timestamp() != null) {
            builder.header("X-Slack-Request-Timestamp", request.timestamp());
            builder.header("X-Slack-Signature", request.signature());
        }
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
