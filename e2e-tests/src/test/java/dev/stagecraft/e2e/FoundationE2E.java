package dev.stagecraft.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stagecraft.e2e.Clients.Amqp;
import dev.stagecraft.e2e.Clients.FrameCollector;
import dev.stagecraft.e2e.Clients.Received;
import dev.stagecraft.e2e.Clients.Response;
import dev.stagecraft.testsupport.ServiceProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * The foundation's end-to-end flow across all four services, on the real broker and database: register
 * an application, create an environment running the demo app on the local driver, update it to a second
 * version, and see status, version and events arrive in query-service and on a WebSocket client.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FoundationE2E {

    static final String APP = "e2e-shop";
    static StagecraftCluster cluster;
    static Amqp amqp;
    static FrameCollector websocket;
    static final List<Received> events = new ArrayList<>();

    @BeforeAll
    static void startStagecraft() throws Exception {
        cluster = StagecraftCluster.start();
        amqp = new Amqp(cluster.infra);
        websocket = FrameCollector.connect(
                "ws://127.0.0.1:" + cluster.notifier.port + "/ws/events?app=" + APP + "&environment=qa");
    }

    @AfterAll
    static void stopStagecraft() throws Exception {
        if (amqp != null) {
            amqp.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void registersTheDemoApplication() {
        String demo = cluster.repo.resolve("bootstrap/demo-app/DemoApp.java").toString();
        Response response = post(cluster.command.baseUrl() + "/api/v1/applications", """
                {"name":"%s","repository":"https://git.example/acme/shop.git","driver":"local",
                 "driverSettings":{"command":"exec %s %s","healthPath":"/health"},
                 "defaults":{"GREETING":"hello"},
                 "pipeline":[{"environment":"development"},{"environment":"qa"},
                             {"environment":"staging","autoPromote":true},{"environment":"prod","requiresApproval":true}]}
                """.formatted(
                        APP, ServiceProcess.javaBinary(), demo));

        assertThat(response.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> get(cluster.query.baseUrl() + "/api/v1/applications/" + APP)
                                .status()
                        == 200);
    }

    @Test
    @Order(2)
    void createsAnEnvironmentThatRunsTheFirstVersion() {
        Response accepted = post(
                cluster.command.baseUrl() + "/api/v1/applications/" + APP + "/environments",
                "{\"name\":\"qa\",\"version\":\"1.0.0\",\"overrides\":{\"GREETING\":\"hi qa\"}}");
        assertThat(accepted.status()).isEqualTo(202);
        String deploymentId = accepted.body().path("deploymentId").asString();
        assertThat(deploymentId).isNotBlank();

        JsonNode environment = awaitEnvironment("RUNNING", "1.0.0");
        assertThat(environment.path("stage").asString()).isEqualTo("qa");
        awaitFrame("deployment.succeeded", deploymentId);
        assertThat(demoProcessVersions()).containsExactly("1.0.0");
    }

    @Test
    @Order(3)
    void updatesTheEnvironmentToASecondVersionReplacingTheProcess() {
        Response accepted = send(
                "PATCH",
                cluster.command.baseUrl() + "/api/v1/applications/" + APP + "/environments/qa",
                "{\"version\":\"1.1.0\"}");
        assertThat(accepted.status()).isEqualTo(202);
        String deploymentId = accepted.body().path("deploymentId").asString();

        awaitEnvironment("RUNNING", "1.1.0");
        awaitFrame("deployment.succeeded", deploymentId);
        await().atMost(Duration.ofSeconds(20)).until(() -> demoProcessVersions().equals(List.of("1.1.0")));

        JsonNode view =
                get(cluster.query.baseUrl() + "/api/v1/environments?app=" + APP).body();
        assertThat(view.toString()).contains("\"qa\"").contains("1.1.0").contains("RUNNING");
        JsonNode matrix =
                get(cluster.query.baseUrl() + "/api/v1/applications/" + APP).body();
        assertThat(matrix.toString()).contains("1.1.0");
        // The local driver's info, through deployment.succeeded into the read model.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode links = get(cluster.query.baseUrl() + "/api/v1/applications/" + APP + "/environments/qa")
                    .body()
                    .path("links");
            assertThat(links.path(0).path("name").asString()).isEqualTo("application");
            assertThat(links.path(0).path("url").asString()).matches("http://127\\.0\\.0\\.1:[0-9]+/");
            assertThat(links.path(1).path("name").asString()).isEqualTo("health");
        });
    }

    @Test
    @Order(4)
    void eventsOfTheEnvironmentArriveOnTheBusInSequence() throws IOException {
        amqp.drainEvents(events);
        List<Received> ofQa = events.stream()
                .filter(e -> "qa".equals(e.body().path("environment").asString()))
                .toList();
        assertThat(ofQa)
                .extracting(Received::type)
                .contains(
                        "environment.spec-changed",
                        "deployment.queued",
                        "deployment.started",
                        "deployment.step-changed",
                        "environment.status-changed",
                        "deployment.succeeded");
        for (String source : List.of("command-service", "deployer-worker")) {
            List<Long> sequences = ofQa.stream()
                    .filter(e -> source.equals(e.appId()))
                    .map(e -> e.body().path("sequence").asLong())
                    .toList();
            assertThat(sequences)
                    .as("sequences of " + source)
                    .isNotEmpty()
                    .isSorted()
                    .doesNotHaveDuplicates();
        }
        assertThat(websocket.types()).contains("environment.status-changed", "deployment.started");
        assertThat(websocket.frames)
                .allSatisfy(frame -> assertThat(frame.toString()).contains("\"qa\""));
    }

    @Test
    @Order(5)
    void badRestInputIsAnsweredWithAProblemNamingTheField() {
        Response response = post(
                cluster.command.baseUrl() + "/api/v1/applications/" + APP + "/environments",
                "{\"name\":\"Not_A_Label\",\"version\":\"1.0.0\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().path("detail").asString()).contains("name");
        assertThat(response.body()
                        .path("errors")
                        .valueStream()
                        .map(error -> error.path("field").asString()))
                .containsExactly("name");
    }

    @Test
    @Order(9)
    void bothApisNeedATokenAndQueryServiceAsksCommandServiceWhoHoldsIt() {
        String command = cluster.command.baseUrl() + "/api/v1";
        String query = cluster.query.baseUrl() + "/api/v1";
        assertThat(Clients.send("GET", command + "/users/me", null, null).status())
                .isEqualTo(401);
        assertThat(Clients.send("GET", query + "/applications", null, null).status())
                .isEqualTo(401);

        Response viewer = Clients.send("POST", command + "/users", """
                {"name":"vera","roles":[{"role":"viewer","app":"%s"}]}""".formatted(APP));
        assertThat(viewer.status()).isEqualTo(201);
        String token = Clients.send("POST", command + "/users/vera/tokens", "{\"label\":\"e2e\"}")
                .body()
                .path("token")
                .asString();

        assertThat(Clients.send("GET", query + "/applications/" + APP, null, token)
                        .status())
                .isEqualTo(200);
        assertThat(Clients.send("GET", query + "/applications/elsewhere", null, token)
                        .status())
                .isEqualTo(403);
        assertThat(Clients.send("GET", query + "/applications/" + APP, null, "sc_wrong")
                        .status())
                .isEqualTo(401);
        Response refused = Clients.send("PATCH", command + "/applications/" + APP + "/environments/qa", """
                {"version":"9.9.9"}""", token);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body().path("detail").asString())
                .startsWith("vera may not update environments in " + APP + ": that needs the deployer role");
    }

    @Test
    @Order(7)
    void everyServiceIsReadyOnlyWithItsDatabaseAndBrokerAndExposesMetrics() {
        for (ServiceProcess service :
                java.util.List.of(cluster.command, cluster.query, cluster.notifier, cluster.deployer)) {
            JsonNode readiness =
                    get(service.baseUrl() + "/actuator/health/readiness").body();
            assertThat(readiness.path("status").asString()).as(service.name).isEqualTo("UP");
            assertThat(readiness.path("components").propertyNames())
                    .as(service.name + " readiness components")
                    .contains("db", "rabbit", "readinessState");
            Response metrics = Clients.sendText(service.baseUrl() + "/actuator/prometheus");
            assertThat(metrics.status()).as(service.name).isEqualTo(200);
        }
    }

    @Test
    @Order(6)
    void badAmqpCommandIsDeadLetteredWithACommandRejectedEvent() throws IOException {
        String commandId = java.util.UUID.randomUUID().toString();
        amqp.publishBare(
                "stagecraft.commands",
                "environment.create",
                "{\"commandId\":\"%s\",\"actor\":\"ci\",\"app\":\"%s\",\"environment\":\"review-1\"}"
                        .formatted(commandId, APP));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            amqp.drainEvents(events);
            assertThat(events)
                    .filteredOn(e -> e.type().equals("command.rejected"))
                    .extracting(e -> e.body().path("commandId").asString() + " "
                            + e.body().path("message").asString())
                    .anySatisfy(text -> assertThat(text).startsWith(commandId).contains("version"));
        });
        await().atMost(Duration.ofSeconds(10))
                .until(() -> amqp.messageCount("stagecraft.commands.command-service.dlq") >= 1);
    }

    @Test
    @Order(8)
    void archiveRestoreAndCleanupFollowTheLifecycleAndLeaveAnAuditTrail() {
        String base = cluster.command.baseUrl() + "/api/v1/applications/" + APP + "/environments/qa";
        Response tooEarly = send("DELETE", base, null);
        assertThat(tooEarly.status()).isEqualTo(409);
        assertThat(tooEarly.body().path("detail").asString())
                .startsWith("environment " + APP + "/qa is RUNNING, so it cannot be cleaned up; it can be updated or"
                        + " archived");

        assertThat(post(base + "/archive", null).status()).isEqualTo(202);
        awaitEnvironment("ARCHIVED", "1.1.0");
        await().atMost(Duration.ofSeconds(20)).until(() -> demoProcessVersions().isEmpty());

        String restore =
                post(base + "/restore", null).body().path("deploymentId").asString();
        awaitEnvironment("RUNNING", "1.1.0");
        await().atMost(Duration.ofSeconds(20)).until(() -> demoProcessVersions().equals(List.of("1.1.0")));

        assertThat(post(base + "/archive", null).status()).isEqualTo(202);
        awaitEnvironment("ARCHIVED", "1.1.0");
        String cleanup = send("DELETE", base, null).body().path("deploymentId").asString();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "CLEANED"
                        .equals(get(cluster.query.baseUrl() + "/api/v1/applications/" + APP + "/environments/qa")
                                .body()
                                .path("status")
                                .asString()));
        assertThat(cluster.workDir.resolve(APP).resolve("qa")).doesNotExist();

        JsonNode restored =
                get(cluster.query.baseUrl() + "/api/v1/deployments/" + restore).body();
        assertThat(restored.path("operation").asString()).isEqualTo("RESTORE");
        assertThat(restored.path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(restored.path("channel").asString()).isEqualTo("rest");
        assertThat(restored.path("actor").asString()).isNotBlank();
        assertThat(restored.path("durationMs").asLong()).isPositive();
        assertThat(restored.path("steps")
                        .valueStream()
                        .map(step -> step.path("name").asString()))
                .startsWith("apply", "wait-ready");
        assertThat(restored.path("steps")
                        .valueStream()
                        .flatMap(step -> step.path("output").valueStream()))
                .as("the driver's output of the restore")
                .isNotEmpty();
        JsonNode history = get(cluster.query.baseUrl() + "/api/v1/applications/" + APP + "/environments/qa/deployments")
                .body();
        assertThat(history.valueStream().map(d -> d.path("operation").asString()))
                .contains("DEPLOY", "ARCHIVE", "RESTORE", "CLEANUP");
        assertThat(history.valueStream().filter(d -> d.path("id").asString().equals(cleanup)))
                .singleElement()
                .satisfies(d -> assertThat(d.path("status").asString()).isEqualTo("SUCCEEDED"));
    }

    private static JsonNode awaitEnvironment(String status, String version) {
        String url = cluster.query.baseUrl() + "/api/v1/applications/" + APP + "/environments/qa";
        return await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(300))
                .until(
                        () -> get(url).body(),
                        body -> body != null
                                && status.equals(body.path("status").asString())
                                && version.equals(body.path("version").asString()));
    }

    private static void awaitFrame(String type, String deploymentId) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> websocket.frames.stream()
                        .anyMatch(frame -> type.equals(frame.path("type").asString())
                                && frame.toString().contains(deploymentId)));
    }

    /** The STAGECRAFT_VERSION of every demo app process the worker runs, read from /proc. */
    private static List<String> demoProcessVersions() {
        return cluster.deployer
                .handle()
                .descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("DemoApp.java"))
                // qa only: staging follows qa by itself (autoPromote) and runs demo processes of its own
                .filter(p -> environmentOf(p.pid(), "STAGECRAFT_ENVIRONMENT").equals(Optional.of("qa")))
                .map(p -> environmentOf(p.pid(), "STAGECRAFT_VERSION"))
                .flatMap(Optional::stream)
                .sorted()
                .toList();
    }

    private static Optional<String> environmentOf(long pid, String name) {
        try {
            String environ = Files.readString(Path.of("/proc/" + pid + "/environ"), StandardCharsets.UTF_8);
            return Arrays.stream(environ.split("\0"))
                    .filter(entry -> entry.startsWith(name + "="))
                    .map(entry -> entry.substring(name.length() + 1))
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Response get(String url) {
        return Clients.send("GET", url, null);
    }

    private static Response post(String url, String json) {
        return Clients.send("POST", url, json);
    }

    private static Response send(String method, String url, String json) {
        return Clients.send(method, url, json);
    }
}
