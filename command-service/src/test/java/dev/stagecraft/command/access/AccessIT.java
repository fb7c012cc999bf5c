package dev.stagecraft.command.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stagecraft.command.ServiceITSupport;
import dev.stagecraft.contracts.event.CommandRejected;
import dev.stagecraft.contracts.job.DeploymentJob;
import dev.stagecraft.testsupport.IsolatedEnvironment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Authentication and roles through the REST API: who gets in (tokens, Basic with a password or a token, nobody
 * without), what each role may do and where, and how tokens are issued, used and revoked.
 */
class AccessIT extends ServiceITSupport {

    static final IsolatedEnvironment infra = IsolatedEnvironment.create("access");

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        infra.register(registry);
    }

    @AfterAll
    static void drop() {
        infra.close();
    }

    @Autowired
    AdminBootstrap bootstrap;

    @Autowired
    ServiceCredentials serviceCredentials;

    @Autowired
    SlackIdentities slackIdentities;

    @Test
    void withoutCredentialsOnlyHealthAnswers() {
        Answer anonymous = post("/api/v1/applications", "{}", ANONYMOUS);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(anonymous.challenge()).contains("Bearer").contains("Basic");
        assertThat(anonymous.json().get("detail").stringValue())
                .startsWith("this call needs an API token: send Authorization: Bearer <token>");
        assertThat(get("/api/v1/users/me", ANONYMOUS).status()).isEqualTo(401);
        assertThat(get("/api/v1/commands/" + java.util.UUID.randomUUID(), ANONYMOUS)
                        .status())
                .isEqualTo(401);
        assertThat(get("/actuator/health", ANONYMOUS).status()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness", ANONYMOUS).status()).isEqualTo(200);
    }

    /** The web dashboard runs on query-service's origin and calls this service with a token header. */
    @Test
    void browsersOnOtherOriginsAskBeforehandWithoutCredentialsAndReadRefusalsToo() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        URI environments = URI.create("http://127.0.0.1:" + port + "/api/v1/applications/shop/environments");
        HttpResponse<String> preflight = client.send(
                HttpRequest.newBuilder(environments)
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", "http://dashboard.example:8081")
                        .header("Access-Control-Request-Method", "POST")
                        .header("Access-Control-Request-Headers", "authorization, content-type, idempotency-key")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .isPresent();
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods"))
                .hasValueSatisfying(methods -> assertThat(methods).contains("POST", "PATCH", "DELETE", "PUT"));

        HttpResponse<String> refused = client.send(
                HttpRequest.newBuilder(environments)
                        .header("Origin", "http://dashboard.example:8081")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isPresent();
    }

    @Test
    void aBadTokenIsRefusedWithASentence() {
        Answer bad = get("/api/v1/users/me", as("sc_not-a-token-anyone-holds"));

        assertThat(bad.status()).isEqualTo(401);
        assertThat(bad.challenge()).contains("Bearer");
        assertThat(bad.json().get("detail").stringValue()).contains("is not valid");
    }

    @Test
    void basicAuthTakesAPasswordOrOneOfTheUsersTokens() {
        Answer created = post("/api/v1/users", """
                {"name":"carol","roles":[{"role":"viewer"}],"password":"correct horse battery"}""");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("hasPassword").asBoolean()).isTrue();
        assertThat(created.body()).doesNotContain("correct horse");

        Answer me = get("/api/v1/users/me", basic("carol", "correct horse battery"));
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("name").stringValue()).isEqualTo("carol");
        assertThat(me.json().at("/roles/0/role").stringValue()).isEqualTo("viewer");
        assertThat(get("/api/v1/users/me", basic("carol", "wrong horse battery"))
                        .status())
                .isEqualTo(401);

        String token = issue("carol", ADMIN_TOKEN);
        assertThat(get("/api/v1/users/me", basic("carol", token)).status()).isEqualTo(200);
        assertThat(get("/api/v1/users/me", basic("admin", token)).status()).isEqualTo(401);
    }

    @Test
    void aTokenWorksUntilItIsRevoked() {
        String token = tokenFor("erin", "viewer");
        assertThat(get("/api/v1/users/me", as(token)).json().get("name").stringValue())
                .isEqualTo("erin");

        Answer listed = get("/api/v1/users/erin/tokens", as(token));
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).doesNotContain(token).doesNotContain("\"token\"");
        JsonNode first = listed.json().get(0);
        assertThat(first.get("lastUsedAt")).isNotNull();
        String id = first.get("id").stringValue();

        assertThat(delete("/api/v1/users/erin/tokens/" + id, as(token)).status())
                .isEqualTo(204);
        Answer revoked = get("/api/v1/users/me", as(token));
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(get("/api/v1/users/erin/tokens").json().get(0).get("revokedAt"))
                .isNotNull();
    }

    @Test
    void aViewerMayNotDeployButADeployerMay() {
        String app = registeredOverAmqp();
        String environments = "/api/v1/applications/" + app + "/environments";

        Answer refused = post(environments, """
                {"name":"review-1","version":"1.0.0"}""", as(tokenFor("victor", "viewer")));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("code").stringValue()).isEqualTo("forbidden");
        assertThat(refused.json().get("detail").stringValue())
                .isEqualTo("victor may not create environments in " + app
                        + ": that needs the deployer role, victor has viewer;"
                        + " an admin can grant it with PUT /api/v1/users/victor");
        CommandRejected rejected =
                awaitRejection(refused.json().get("commandId").stringValue());
        assertThat(rejected.code()).isEqualTo("forbidden");
        assertThat(rejected.actor()).isEqualTo("victor");

        Answer accepted = post(environments, """
                {"name":"review-1","version":"1.0.0"}""", as(tokenFor("dora", "deployer")));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        await().until(() -> jobs.of(DeploymentJob.class).stream().anyMatch(job -> app.equals(job.app())));
        assertThat(jobs.of(DeploymentJob.class).stream()
                        .filter(job -> app.equals(job.app()))
                        .findFirst()
                        .orElseThrow()
                        .actor())
                .isEqualTo("dora");
    }

    @Test
    void anAppScopedDeployerMayNotTouchAnotherApplication() {
        String mine = registeredOverAmqp();
        String other = registeredOverAmqp();
        String token = tokenFor("sam", "deployer:" + mine);

        assertThat(post("/api/v1/applications/" + mine + "/environments", """
                        {"name":"review-2","version":"1.0.0"}""", as(token))
                        .status())
                .isEqualTo(202);
        Answer refused = post("/api/v1/applications/" + other + "/environments", """
                {"name":"review-2","version":"1.0.0"}""", as(token));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("detail").stringValue())
                .contains("sam may not create environments in " + other)
                .contains("sam has no role in " + other);

        Answer command =
                get("/api/v1/commands/" + refused.json().get("commandId").stringValue(), as(token));
        assertThat(command.status()).isEqualTo(403);
        assertThat(command.json().get("detail").stringValue()).contains("needs the viewer role in " + other);
    }

    @Test
    void onlyAnAdminRegistersApplicationsAndManagesUsers() {
        String deployer = tokenFor("dan", "deployer");
        String registration = """
                {"name":"%s","driver":"noop","pipeline":[{"environment":"qa"}]}""".formatted(uniqueName("reg"));

        Answer refused = post("/api/v1/applications", registration, as(deployer));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("detail").stringValue())
                .contains("dan may not register applications")
                .contains("needs the admin role, dan has deployer");
        assertThat(get("/api/v1/users", as(deployer)).status()).isEqualTo(403);
        assertThat(post("/api/v1/users", "{\"name\":\"mallory\",\"roles\":[{\"role\":\"admin\"}]}", as(deployer))
                        .status())
                .isEqualTo(403);
        assertThat(put("/api/v1/users/dan", "{\"roles\":[{\"role\":\"admin\"}]}", as(deployer))
                        .status())
                .isEqualTo(403);

        assertThat(post("/api/v1/applications", registration).status()).isEqualTo(202);
        assertThat(values(get("/api/v1/users").json(), "name")).contains("admin", "dan");
    }

    @Test
    void anyoneIssuesAndRevokesTheirOwnTokensButNotOthers() {
        String first = tokenFor("fay", "viewer");
        tokenFor("gus", "viewer");

        String second = issue("fay", first);
        assertThat(get("/api/v1/users/me", as(second)).json().get("name").stringValue())
                .isEqualTo("fay");
        Answer forOthers = post("/api/v1/users/gus/tokens", "{\"label\":\"stolen\"}", as(first));
        assertThat(forOthers.status()).isEqualTo(403);
        assertThat(forOthers.json().get("detail").stringValue())
                .isEqualTo("fay may not issue tokens for gus: that needs the admin role for all applications,"
                        + " fay has viewer; an admin can grant it with PUT /api/v1/users/fay");
        assertThat(get("/api/v1/users/gus/tokens", as(first)).status()).isEqualTo(403);
    }

    @Test
    void bootstrapIsIdempotentAndTheServiceTokenIsAViewer() throws Exception {
        bootstrap.run(null);
        bootstrap.run(null);

        assertThat(values(get("/api/v1/users/admin/tokens").json(), "label")).containsOnlyOnce("bootstrap");
        Answer me = get("/api/v1/users/me", "Authorization", serviceCredentials.authorizationHeader());
        assertThat(me.json().get("name").stringValue()).isEqualTo("system:command-service");
        assertThat(me.json().at("/roles/0/role").stringValue()).isEqualTo("viewer");
    }

    @Test
    void slackUsersAreFoundByTheirSlackUserId() {
        assertThat(put("/api/v1/users/hank", """
                        {"roles":[{"role":"approver","app":"shop"}],"slackUserId":"U012AB3CD"}""").status()).isIn(200, 201);

        assertThat(slackIdentities.callerOf("U012AB3CD"))
                .contains(Caller.user("hank", java.util.List.of(new Grant(Role.APPROVER, "shop"))));
        assertThat(slackIdentities.callerOf("U999")).isEmpty();
        assertThat(post("/api/v1/users", "{\"name\":\"ida\",\"slackUserId\":\"U012AB3CD\"}")
                        .status())
                .isEqualTo(409);
    }

    private String issue(String user, String asToken) {
        Answer issued = post("/api/v1/users/" + user + "/tokens", "{\"label\":\"laptop\"}", as(asToken));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        assertThat(issued.json().get("label").stringValue()).isEqualTo("laptop");
        return issued.json().get("token").stringValue();
    }

    private static java.util.List<String> values(JsonNode array, String field) {
        java.util.List<String> values = new java.util.ArrayList<>();
        array.forEach(element -> values.add(element.get(field).stringValue()));
        return values;
    }

    private static String[] basic(String user, String secret) {
        String pair = user + ":" + secret;
        return new String[] {
            "Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8))
        };
    }
}
