package dev.stagecraft.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stagecraft.contracts.SecretBox;
import dev.stagecraft.contracts.event.ApplicationRegistered;
import dev.stagecraft.contracts.event.CommandAccepted;
import dev.stagecraft.contracts.event.CommandRejected;
import dev.stagecraft.contracts.event.EnvironmentSpecChanged;
import dev.stagecraft.contracts.job.DeploymentJob;
import dev.stagecraft.testsupport.IsolatedEnvironment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

class RestCommandsIT extends ServiceITSupport {

    static final IsolatedEnvironment infra = IsolatedEnvironment.create("rest-commands");

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        infra.register(registry);
    }

    @AfterAll
    static void drop() {
        infra.close();
    }

    static final String SECRET = "hunter2-plaintext";
    static final String DEV_KEY = dev.stagecraft.contracts.SecretBox.DEVELOPMENT_KEY;

    @Test
    void createPublishesAJobWithMergedConfigAndASealedSecret() {
        String app = registered();
        Answer created = post("/api/v1/applications/" + app + "/environments", """
                {"name":"review-1432", "version":"1.8.0", "overrides":{"LOG_LEVEL":"debug"},
                 "secretOverrides":{"DB_PASSWORD":"%s"}, "ttl":"PT72H", "tags":["review"], "description":"PR 1432"}""".formatted(SECRET));

        assertThat(created.status()).isEqualTo(202);
        JsonNode body = created.json();
        String commandId = body.get("commandId").stringValue();
        String deploymentId = body.get("deploymentId").stringValue();
        assertThat(body.get("links").get("command").stringValue()).isEqualTo("/api/v1/commands/" + commandId);
        assertThat(body.get("links").get("deployment").stringValue())
                .isEqualTo("http://127.0.0.1:8081/api/v1/deployments/" + deploymentId);
        assertThat(created.location()).isEqualTo("/api/v1/commands/" + commandId);

        DeploymentJob job = awaitOne(() -> jobsFor(app));
        assertThat(job.deploymentId().toString()).isEqualTo(deploymentId);
        assertThat(job.commandId().toString()).isEqualTo(commandId);
        assertThat(job.environment()).isEqualTo("review-1432");
        assertThat(job.version()).isEqualTo("1.8.0");
        assertThat(job.overrides()).isEqualTo(Map.of("LOG_LEVEL", "debug", "REGION", "eu"));
        assertThat(job.driver()).isEqualTo("local");
        assertThat(job.driverSettings()).containsEntry("healthPath", "/health");
        String sealed = job.secrets().get("DB_PASSWORD");
        assertThat(SecretBox.isSealed(sealed)).isTrue();
        assertThat(new SecretBox(DEV_KEY).open(app + "/review-1432/DB_PASSWORD", sealed))
                .isEqualTo(SECRET);
        assertThat(jobs.messages())
                .allSatisfy(m -> assertThat(m.getMessageProperties().getReceivedRoutingKey())
                        .isEqualTo("job.deploy"));

        await().until(() -> events.of(EnvironmentSpecChanged.class).stream().anyMatch(e -> app.equals(e.app())));
        CommandAccepted accepted = events.of(CommandAccepted.class).stream()
                .filter(e -> e.commandId().toString().equals(commandId))
                .findFirst()
                .orElseThrow();
        assertThat(accepted.deploymentId().toString()).isEqualTo(deploymentId);
        assertThat(accepted.commandType()).isEqualTo("environment.create");
        EnvironmentSpecChanged spec = events.of(EnvironmentSpecChanged.class).getFirst();
        assertThat(spec.secretKeys()).containsExactly("DB_PASSWORD");
        assertThat(spec.overrides()).isEqualTo(Map.of("LOG_LEVEL", "debug", "REGION", "eu"));
        assertThat(spec.ttl()).isEqualTo(Duration.ofHours(72));
        assertThat(spec.stage()).isNull();
        assertThat(events.of(ApplicationRegistered.class))
                .extracting(e -> e.spec().name())
                .contains(app);

        assertNoPlaintextAnywhere();
        assertThat(get("/api/v1/commands/" + commandId).json().get("status").stringValue())
                .isEqualTo("ACCEPTED");
    }

    @Test
    void patchChangesOnlyWhatItNamesAndPublishesANewJob() {
        String app = registered();
        post("/api/v1/applications/" + app + "/environments", """
                {"name":"qa", "version":"1.0.0", "overrides":{"A":"1"}, "secretOverrides":{"S":"%s"}}""".formatted(SECRET));
        awaitOne(() -> jobsFor(app));

        Answer patched = patch("/api/v1/applications/" + app + "/environments/qa", "{\"version\":\"1.1.0\"}");

        assertThat(patched.status()).isEqualTo(202);
        String deploymentId = patched.json().get("deploymentId").stringValue();
        await().until(() -> jobsFor(app).size() == 2);
        DeploymentJob update = jobsFor(app).get(1);
        assertThat(update.deploymentId().toString()).isEqualTo(deploymentId);
        assertThat(update.version()).isEqualTo("1.1.0");
        assertThat(update.overrides()).isEqualTo(Map.of("A", "1", "LOG_LEVEL", "info", "REGION", "eu"));
        assertThat(update.secrets()).containsOnlyKeys("S");
        assertThat(update.environment()).isEqualTo("qa");
        await().until(() -> events.of(EnvironmentSpecChanged.class).stream()
                .anyMatch(e -> app.equals(e.app()) && e.version().equals("1.1.0") && "qa".equals(e.stage())));
        assertThat(status(app, "qa")).isEqualTo("UPDATE_PENDING");
    }

    @Test
    void specChangedCarriesSecretFingerprintsThatRevealOnlyEquality() {
        String app = registered();
        String environments = "/api/v1/applications/" + app + "/environments";
        String vault = "vault:secret/shop/api#token";
        post(environments, """
                {"name":"qa", "version":"1.0.0", "secretOverrides":{"DB_PASSWORD":"%s", "API_TOKEN":"%s"}}""".formatted(SECRET, vault));
        post(environments, """
                {"name":"prod", "version":"1.0.0", "secretOverrides":{"DB_PASSWORD":"%s", "API_TOKEN":"%s"}}""".formatted(SECRET, vault));
        post(environments, """
                {"name":"review-1", "version":"1.0.0", "secretOverrides":{"DB_PASSWORD":"other-plaintext", "API_TOKEN":"vault:secret/shop/api#other"}}""");
        await().until(() ->
                specOf(app, "qa") != null && specOf(app, "prod") != null && specOf(app, "review-1") != null);

        Map<String, String> qa = specOf(app, "qa").secretFingerprints();
        Map<String, String> prod = specOf(app, "prod").secretFingerprints();
        Map<String, String> review = specOf(app, "review-1").secretFingerprints();
        assertThat(qa).containsOnlyKeys("DB_PASSWORD", "API_TOKEN");
        assertThat(prod).isEqualTo(qa);
        assertThat(review.get("DB_PASSWORD")).isNotEqualTo(qa.get("DB_PASSWORD"));
        assertThat(review.get("API_TOKEN")).isNotEqualTo(qa.get("API_TOKEN"));
        assertThat(qa.get("DB_PASSWORD")).isNotEqualTo(qa.get("API_TOKEN"));
        assertThat(qa.values())
                .allSatisfy(fingerprint -> assertThat(fingerprint)
                        .matches("[A-Za-z0-9_-]{22}")
                        .doesNotContain(SECRET)
                        .doesNotContain(vault));
        assertNoPlaintextAnywhere();
        assertThat(events.messages())
                .allSatisfy(m -> assertThat(new String(m.getBody(), StandardCharsets.UTF_8))
                        .doesNotContain("other-plaintext"));
    }

    private EnvironmentSpecChanged specOf(String app, String environment) {
        return events.of(EnvironmentSpecChanged.class).stream()
                .filter(e -> app.equals(e.app()) && environment.equals(e.environment()))
                .findFirst()
                .orElse(null);
    }

    @Test
    void badInputIsAnswered400NamingTheField() {
        String app = registered();
        String environments = "/api/v1/applications/" + app + "/environments";

        assertProblem(post(environments, "{\"name\":\"Bad_Name\",\"version\":\"1\"}"), 400, "name");
        assertProblem(post(environments, "{\"name\":\"qa\"}"), 400, "version");
        assertProblem(post(environments, "{\"name\":\"qa\",\"version\":\"1\",\"ttl\":\"72h\"}"), 400, "ttl");
        assertProblem(post("/api/v1/applications", "{\"name\":\"x\",\"driver\":\"docker\"}"), 400, "driver");
        Answer malformed = post(environments, "{\"name\":\"qa\", \"secretOverrides\":{\"S\": " + SECRET + "}");
        assertProblem(malformed, 400, "(body)");
        assertThat(malformed.json().get("detail").stringValue()).contains("not valid JSON");
        assertThat(malformed.body()).doesNotContain(SECRET);
        assertThat(jobsFor(app)).isEmpty();
    }

    @Test
    void aRejectionIsRecordedAndAnnounced() {
        String key = UUID.randomUUID().toString();
        Answer rejected = post(
                "/api/v1/applications/" + registered() + "/environments", "{\"name\":\"qa\"}", "Idempotency-Key", key);

        JsonNode command = get("/api/v1/commands/" + key).json();
        assertThat(command.get("status").stringValue()).isEqualTo("REJECTED");
        assertThat(command.get("code").stringValue()).isEqualTo("invalid");
        assertThat(command.get("message").stringValue())
                .isEqualTo(rejected.json().get("detail").stringValue());
        await().until(() -> events.of(CommandRejected.class).stream()
                .anyMatch(e -> e.commandId().toString().equals(key)
                        && e.message().equals("command environment.create is invalid: version is required")));
    }

    @Test
    void anUnknownApplicationIs404AndAnExistingEnvironment409() {
        Answer unknown = post("/api/v1/applications/nope/environments", "{\"name\":\"qa\",\"version\":\"1\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("detail").stringValue())
                .isEqualTo("application 'nope' is not registered; register it with POST /api/v1/applications");

        String app = registered();
        String environments = "/api/v1/applications/" + app + "/environments";
        assertThat(post(environments, "{\"name\":\"qa\",\"version\":\"1\"}").status())
                .isEqualTo(202);
        Answer duplicate = post(environments, "{\"name\":\"qa\",\"version\":\"2\"}");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.contentType()).startsWith("application/problem+json");
        assertThat(duplicate.json().get("detail").stringValue())
                .isEqualTo("environment " + app + "/qa already exists; update it with PATCH /api/v1/applications/" + app
                        + "/environments/qa");
        assertThat(patch(environments + "/staging", "{\"version\":\"2\"}").status())
                .isEqualTo(404);
    }

    @Test
    void aRepeatedIdempotencyKeyGetsTheFirstAnswerAndCausesNothingNew() {
        String app = registered();
        String environments = "/api/v1/applications/" + app + "/environments";
        String body = "{\"name\":\"qa\",\"version\":\"1\"}";

        Answer first = post(environments, body, "Idempotency-Key", "create-qa-" + app);
        Answer second = post(environments, body, "Idempotency-Key", "create-qa-" + app);
        Answer rejectedFirst = post(environments, "{}", "Idempotency-Key", "bad-" + app);
        Answer rejectedSecond = post(environments, "{}", "Idempotency-Key", "bad-" + app);

        assertThat(second.status()).isEqualTo(first.status()).isEqualTo(202);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(rejectedSecond.status()).isEqualTo(rejectedFirst.status()).isEqualTo(400);
        assertThat(rejectedSecond.body()).isEqualTo(rejectedFirst.body());
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(10))
                .until(() -> jobsFor(app).size() == 1);
    }

    @Test
    void anUnknownCommandIs404() {
        assertThat(get("/api/v1/commands/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(get("/api/v1/commands/not-a-uuid").status()).isEqualTo(400);
    }

    private String registered() {
        String app = uniqueName("shop");
        Answer answer = post("/api/v1/applications", """
                {"name":"%s", "repository":"https://git.example/acme/shop.git",
                 "driverSettings":{"command":"java DemoApp.java", "healthPath":"/health"},
                 "defaults":{"LOG_LEVEL":"info", "REGION":"eu"},
                 "pipeline":[{"environment":"development","branch":"develop"}, {"environment":"qa"},
                             {"environment":"prod","requiresApproval":true}]}""".formatted(app));
        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.json().has("deploymentId")).isFalse();
        return app;
    }

    private List<DeploymentJob> jobsFor(String app) {
        return jobs.of(DeploymentJob.class).stream()
                .filter(job -> job.app().equals(app))
                .toList();
    }

    private static <T> T awaitOne(java.util.concurrent.Callable<List<T>> messages) {
        await().until(() -> messages.call().size() == 1);
        try {
            return messages.call().getFirst();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String status(String app, String environment) {
        return jdbc.sql("SELECT status FROM environments WHERE app = ? AND name = ?")
                .params(app, environment)
                .query(String.class)
                .single();
    }

    private void assertNoPlaintextAnywhere() {
        assertThat(events.messages())
                .allSatisfy(m -> assertThat(new String(m.getBody(), StandardCharsets.UTF_8))
                        .doesNotContain(SECRET));
        assertThat(jobs.messages())
                .allSatisfy(m -> assertThat(new String(m.getBody(), StandardCharsets.UTF_8))
                        .doesNotContain(SECRET));
        String stored = jdbc.sql("""
                        SELECT string_agg(e.secret_overrides::text || r.secret_overrides::text, ' ')
                        FROM environments e JOIN environment_spec_revisions r ON r.app = e.app AND r.environment = e.name""").query(String.class).single();
        assertThat(stored).contains(SecretBox.PREFIX).doesNotContain(SECRET);
        assertThat(jdbc.sql("SELECT count(*) FROM commands WHERE response::text LIKE ?")
                        .param("%" + SECRET + "%")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private static void assertProblem(Answer answer, int status, String field) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        JsonNode problem = answer.json();
        assertThat(problem.get("status").intValue()).isEqualTo(status);
        assertThat(problem.get("errors").valueStream().map(e -> e.get("field").stringValue()))
                .contains(field);
    }
}
