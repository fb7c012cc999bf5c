package dev.stagecraft.query;

import static dev.stagecraft.query.CommandServiceStandIn.NO_ROLE_TOKEN;
import static dev.stagecraft.query.CommandServiceStandIn.READER_TOKEN;
import static dev.stagecraft.query.CommandServiceStandIn.SHOP_VIEWER_TOKEN;
import static dev.stagecraft.query.Fixtures.registered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import dev.stagecraft.contracts.command.Stage;
import dev.stagecraft.testsupport.IsolatedEnvironment;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every API call needs credentials that command-service vouches for (here its stand-in), and a role on the
 * application the call is about; answers are reused for {@code stagecraft.query.auth.cache-ttl} (1 s here).
 */
@SpringBootTest(webEnvironment = RANDOM_PORT, properties = "stagecraft.query.auth.cache-ttl=1s")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class QueryAccessIT extends ReadModelScenario {

    static final IsolatedEnvironment infra = IsolatedEnvironment.create("query-access");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        infra.register(registry);
    }

    // dropped after the context closed, see ReadModelIT
    static {
        Runtime.getRuntime().addShutdownHook(new Thread(infra::close, "drop-test-database"));
    }

    @BeforeAll
    void shopAndBlogAreRegistered() {
        publish(
                envelope(COMMAND_SERVICE, registered("shop", Stage.of("qa"))),
                envelope(COMMAND_SERVICE, registered("blog", Stage.of("qa"))));
        await().until(() -> get("/api/v1/applications/shop").status() == 200
                && get("/api/v1/applications/blog").status() == 200);
    }

    @Test
    void withoutCredentialsOnlyHealthAnswers() {
        Response anonymous = get("/api/v1/applications", null);

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(anonymous.challenge()).contains("Bearer");
        assertThat(anonymous.json().at("/detail").asString())
                .startsWith("this call needs an API token: send Authorization: Bearer <token>");
        assertThat(get("/actuator/prometheus", null).status()).isEqualTo(401);
        assertThat(get("/actuator/health", null).status()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness", null).status()).isEqualTo(200);
    }

    @Test
    void aTokenCommandServiceDoesNotKnowIsRefused() {
        Response refused = get("/api/v1/applications", "Bearer sc_nobody-has-this");

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().at("/detail").asString()).contains("is not valid");
    }

    @Test
    void aValidTokenReadsAndItsAnswerIsReusedUntilTheCacheTimeEnds() {
        String token = "sc_query-test-short-lived";
        CommandServiceStandIn.instance().add(token, "{\"name\":\"kim\",\"roles\":[{\"role\":\"deployer\"}]}");
        int askedBefore = CommandServiceStandIn.instance().asked();

        assertThat(get("/api/v1/applications", "Bearer " + token).status()).isEqualTo(200);
        assertThat(get("/api/v1/applications/shop", "Bearer " + token).status()).isEqualTo(200);
        assertThat(CommandServiceStandIn.instance().asked() - askedBefore).isEqualTo(1);

        CommandServiceStandIn.instance().revoke(token);
        await().until(() -> get("/api/v1/applications", "Bearer " + token).status() == 401);
    }

    @Test
    void anAppScopedViewerReadsOnlyItsApplication() {
        String shopViewer = "Bearer " + SHOP_VIEWER_TOKEN;

        assertThat(get("/api/v1/applications/shop", shopViewer).status()).isEqualTo(200);
        assertThat(get("/api/v1/environments?app=shop", shopViewer).status()).isEqualTo(200);
        Response other = get("/api/v1/applications/blog", shopViewer);
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.json().at("/detail").asString())
                .startsWith("shopper may not read blog: that needs the viewer role in blog");
        assertThat(get("/api/v1/environments?app=blog", shopViewer).status()).isEqualTo(403);
        assertThat(get("/api/v1/applications/blog/diff?from=qa&to=qa", shopViewer)
                        .status())
                .isEqualTo(403);
    }

    @Test
    void aUserWithoutAnyRoleReadsNothing() {
        Response refused = get("/api/v1/applications", "Bearer " + NO_ROLE_TOKEN);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().at("/detail").asString()).contains("nobody may not read");
    }

    @Test
    void browsersAskBeforehandWithoutCredentialsAndReadRefusalsToo() throws Exception {
        HttpResponse<String> preflight = http.send(
                HttpRequest.newBuilder(uri("/api/v1/applications"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", "https://dashboard.example")
                        .header("Access-Control-Request-Method", "GET")
                        .header("Access-Control-Request-Headers", "authorization")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .isPresent();

        HttpResponse<String> refused = http.send(
                HttpRequest.newBuilder(uri("/api/v1/applications"))
                        .header("Origin", "https://dashboard.example")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isPresent();
        assertThat(get("/api/v1/applications", "Bearer " + READER_TOKEN).status())
                .isEqualTo(200);
    }

    @Test
    void theDashboardAndItsConfigurationNeedNoCredentialsButItsDataDoes() {
        Response page = get("/", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.text()).contains("<title>Stagecraft</title>").contains("dashboard/app.js");
        Response script = get("/dashboard/app.js", null);
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.contentType()).contains("javascript");

        Response config = get("/dashboard/config.json", null);
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.json().at("/commandUrl").asString()).isEqualTo("http://127.0.0.1:8080");
        assertThat(config.json().at("/eventsUrl").asString()).isEqualTo("ws://127.0.0.1:8082/ws/events");

        assertThat(get("/api/v1/applications", null).status()).isEqualTo(401);
    }
}
