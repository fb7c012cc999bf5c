package dev.stagecraft.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.stagecraft.e2e.Clients.Amqp;
import dev.stagecraft.e2e.Clients.Received;
import dev.stagecraft.e2e.Clients.Response;
import dev.stagecraft.testsupport.ServiceProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * Secrets across all four services, run as processes: an application with a secret default, an environment with
 * a secret override and a Vault reference (read from a local server in this JVM that speaks Vault's KV v2 API),
 * and deployer-worker's own driver defaults, public and secret. The demo app receives every value; no event on
 * {@code stagecraft.events}, no line of a service's log and no answer of command-service or query-service about
 * the environment and its deployment contains any of them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecretsE2E {

    static final String APP = "e2e-secrets";
    static final String VAULT_TOKEN = "s.e2e-" + UUID.randomUUID();
    static final String APP_SECRET = "app-default-secret-" + UUID.randomUUID();
    static final String OVERRIDDEN_DEFAULT = "overridden-default-" + UUID.randomUUID();
    static final String DB_PASSWORD = "environment-secret-" + UUID.randomUUID();
    static final String VAULT_VALUE = "vault-value-" + UUID.randomUUID();
    static final String DRIVER_SECRET = "driver-secret-" + UUID.randomUUID();
    static final String VAULT_REFERENCE = "vault:secret/e2e/api#token";

    static final List<String> SECRETS =
            List.of(APP_SECRET, OVERRIDDEN_DEFAULT, DB_PASSWORD, VAULT_VALUE, DRIVER_SECRET, VAULT_TOKEN);

    static KvVault vault;
    static StagecraftCluster cluster;
    static Amqp amqp;
    static final List<String> answers = new ArrayList<>();
    static final List<String> commandIds = new ArrayList<>();
    static final List<Received> events = new ArrayList<>();
    static String deploymentId;

    @BeforeAll
    static void startStagecraftWithVault() throws Exception {
        vault = KvVault.start(VAULT_TOKEN);
        vault.put("/v1/secret/data/e2e/api", Map.of("token", VAULT_VALUE));
        String driverDefaults = """
                {"stagecraft":{"deployer":{"drivers":{"local":{
                  "defaults":{"DRIVER_REGION":"e2e-region"},
                  "secret-defaults":{"DRIVER_SECRET":"%s"}}}}}}""".formatted(DRIVER_SECRET);
        cluster = StagecraftCluster.start(
                Map.of("STAGECRAFT_SECRETS_KEY", randomKey()),
                Map.of(
                        "STAGECRAFT_SECRETS_VAULT_ADDRESS", vault.address(),
                        "STAGECRAFT_SECRETS_VAULT_TOKEN", VAULT_TOKEN,
                        "SPRING_APPLICATION_JSON", driverDefaults));
        amqp = new Amqp(cluster.infra);
    }

    @AfterAll
    static void stopStagecraft() throws Exception {
        if (amqp != null) {
            amqp.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        if (vault != null) {
            vault.close();
        }
    }

    @Test
    @Order(1)
    void anEnvironmentWithSecretsFromEveryLayerAndFromVaultRuns() {
        String demo = cluster.repo.resolve("bootstrap/demo-app/DemoApp.java").toString();
        Response registered = post("/api/v1/applications", """
                {"name":"%s","driver":"local",
                 "driverSettings":{"command":"exec %s %s","healthPath":"/health"},
                 "defaults":{"LOG_LEVEL":"info"},
                 "secretDefaults":{"APP_SECRET":"%s","DB_PASSWORD":"%s"},
                 "pipeline":[{"environment":"qa"}]}""".formatted(
                        APP, ServiceProcess.javaBinary(), demo, APP_SECRET, OVERRIDDEN_DEFAULT));
        assertThat(registered.status()).isEqualTo(202);

        Response created =
                post("/api/v1/applications/" + APP + "/environments", """
                {"name":"qa","version":"1.0.0","overrides":{"GREETING":"hi qa"},
                 "secretOverrides":{"DB_PASSWORD":"%s","API_TOKEN":"%s"}}""".formatted(DB_PASSWORD, VAULT_REFERENCE));
        assertThat(created.status()).isEqualTo(202);
        deploymentId = created.body().path("deploymentId").asString();

        JsonNode environment = await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(300))
                .until(
                        () -> get(cluster.query.baseUrl() + "/api/v1/applications/" + APP + "/environments/qa"),
                        body -> body != null
                                && "RUNNING".equals(body.path("status").asString())
                                && "1.0.0".equals(body.path("version").asString()));
        assertThat(environment.path("secretKeys").valueStream().map(JsonNode::asString))
                .containsExactly("API_TOKEN", "APP_SECRET", "DB_PASSWORD");
        assertThat(environment.path("overrides").path("LOG_LEVEL").asString()).isEqualTo("info");
    }

    @Test
    @Order(2)
    void theDemoAppReceivedEveryValueAndVaultWasAskedWithTheToken() {
        Map<String, String> received = demoEnvironment();

        assertThat(received)
                .containsEntry("APP_SECRET", APP_SECRET)
                .containsEntry("DB_PASSWORD", DB_PASSWORD)
                .containsEntry("API_TOKEN", VAULT_VALUE)
                .containsEntry("DRIVER_SECRET", DRIVER_SECRET)
                .containsEntry("DRIVER_REGION", "e2e-region")
                .containsEntry("LOG_LEVEL", "info")
                .containsEntry("GREETING", "hi qa");
        assertThat(vault.requests).contains("GET /v1/secret/data/e2e/api token=" + VAULT_TOKEN);
    }

    @Test
    @Order(3)
    void noEventContainsASecretValue() throws IOException {
        amqp.drainEvents(events);
        List<Received> ofApp = events.stream()
                .filter(e -> APP.equals(e.body().path("app").asString()))
                .toList();
        assertThat(ofApp)
                .extracting(Received::type)
                .contains(
                        "application.registered",
                        "environment.spec-changed",
                        "deployment.step-changed",
                        "deployment.succeeded");
        JsonNode registered = ofApp.stream()
                .filter(e -> e.type().equals("application.registered"))
                .findFirst()
                .orElseThrow()
                .body();
        assertThat(registered.path("spec").path("secretKeys").valueStream().map(JsonNode::asString))
                .containsExactly("APP_SECRET", "DB_PASSWORD");

        assertThat(events)
                .allSatisfy(event ->
                        assertContainsNoSecret(event.type(), event.body().toString()));
    }

    @Test
    @Order(4)
    void noLineOfAServiceLogContainsASecretValue() throws IOException {
        for (ServiceProcess service : List.of(cluster.command, cluster.query, cluster.notifier, cluster.deployer)) {
            List<String> lines = Files.readAllLines(service.log, StandardCharsets.UTF_8);
            assertThat(lines).as(service.log.toString()).isNotEmpty();
            for (String line : lines) {
                assertContainsNoSecret(service.log.getFileName().toString(), line);
            }
        }
    }

    @Test
    @Order(5)
    void noAnswerOfCommandServiceOrQueryServiceContainsASecretValue() {
        String query = cluster.query.baseUrl() + "/api/v1";
        List<String> urls = List.of(
                query + "/applications",
                query + "/applications/" + APP,
                query + "/environments?app=" + APP,
                query + "/applications/" + APP + "/environments/qa",
                query + "/applications/" + APP + "/environments/qa/deployments",
                query + "/applications/" + APP + "/environments/qa/history",
                query + "/deployments/" + deploymentId);
        for (String url : urls) {
            Response response = Clients.send("GET", url, null);
            assertThat(response.status()).as(url).isEqualTo(200);
            answers.add(url + " " + response.body());
        }
        assertThat(commandIds).hasSize(2);
        for (String commandId : commandIds) {
            Response response = Clients.send("GET", cluster.command.baseUrl() + "/api/v1/commands/" + commandId, null);
            assertThat(response.status()).isEqualTo(200);
            answers.add("command " + response.body());
        }
        assertThat(answers).hasSizeGreaterThan(urls.size());
        assertThat(answers).allSatisfy(answer -> assertContainsNoSecret("answer", answer));
    }

    private static void assertContainsNoSecret(String where, String text) {
        for (String secret : SECRETS) {
            assertThat(text).as(where).doesNotContain(secret);
        }
    }

    /** The environment of the demo app process of qa, read from /proc. */
    private static Map<String, String> demoEnvironment() {
        List<Map<String, String>> demos = cluster.deployer
                .handle()
                .descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("DemoApp.java"))
                .map(p -> environmentOf(p.pid()))
                .flatMap(Optional::stream)
                .filter(env -> APP.equals(env.get("STAGECRAFT_APP")) && "qa".equals(env.get("STAGECRAFT_ENVIRONMENT")))
                .toList();
        assertThat(demos).hasSize(1);
        return demos.getFirst();
    }

    private static Optional<Map<String, String>> environmentOf(long pid) {
        try {
            String environ = Files.readString(Path.of("/proc/" + pid + "/environ"), StandardCharsets.UTF_8);
            return Optional.of(Arrays.stream(environ.split("\0"))
                    .filter(entry -> entry.contains("="))
                    .collect(Collectors.toMap(
                            entry -> entry.substring(0, entry.indexOf('=')),
                            entry -> entry.substring(entry.indexOf('=') + 1),
                            (first, second) -> second,
                            LinkedHashMap::new)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Response post(String path, String json) {
        Response response = Clients.send("POST", cluster.command.baseUrl() + path, json);
        answers.add("POST " + path + " " + response.body());
        commandIds.add(response.body().path("commandId").asString());
        return response;
    }

    private static JsonNode get(String url) {
        return Clients.send("GET", url, null).body();
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /**
     * A local HTTP server speaking the part of Vault's documented API that deployer-worker uses: a KV version 2
     * read, {@code GET /v1/<mount>/data/<path>} with {@code X-Vault-Token}; {@code 200 {"data":{"data":…,
     * "metadata":…}}}, {@code 403 {"errors":["permission denied"]}} for another token, {@code 404 {"errors":[]}}
     * for a path without a secret. Records every request with the token it carried.
     */
    static final class KvVault implements AutoCloseable {

        final List<String> requests = new CopyOnWriteArrayList<>();
        private final HttpServer server;
        private final String token;
        private final Map<String, Map<String, String>> secrets = new java.util.concurrent.ConcurrentHashMap<>();

        private KvVault(String token) throws IOException {
            this.token = token;
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/v1/", this::handle);
            server.start();
        }

        static KvVault start(String token) throws IOException {
            return new KvVault(token);
        }

        String address() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        void put(String dataPath, Map<String, String> data) {
            secrets.put(dataPath, data);
        }

        private void handle(HttpExchange exchange) throws IOException {
            String sent = exchange.getRequestHeaders().getFirst("X-Vault-Token");
            String path = exchange.getRequestURI().getPath();
            requests.add(exchange.getRequestMethod() + " " + path + " token=" + sent);
            Map<String, String> data = secrets.get(path);
            if (!token.equals(sent)) {
                answer(exchange, 403, Map.of("errors", List.of("permission denied")));
            } else if (data == null || !exchange.getRequestMethod().equals("GET")) {
                answer(exchange, 404, Map.of("errors", List.of()));
            } else {
                answer(
                        exchange,
                        200,
                        Map.of(
                                "lease_id",
                                "",
                                "renewable",
                                false,
                                "lease_duration",
                                0,
                                "data",
                                Map.of(
                                        "data",
                                        data,
                                        "metadata",
                                        Map.of("created_time", "2025-03-14T09:26:53.589Z", "version", 1))));
            }
        }

        private static void answer(HttpExchange exchange, int status, Object body) throws IOException {
            byte[] bytes = dev.stagecraft.contracts.MessageCodec.instance()
                    .mapper()
                    .writeValueAsString(body)
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (var out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
