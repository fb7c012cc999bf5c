package dev.stagecraft.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stagecraft.e2e.Clients.Amqp;
import dev.stagecraft.e2e.Clients.Received;
import dev.stagecraft.testsupport.IsolatedEnvironment;
import dev.stagecraft.testsupport.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Three deployer-worker processes share one broker and one database: per environment they run deployments
 * one at a time, in the order command-service accepted them, each once; and when one of them is killed in
 * the middle of a deployment, another takes the deployment over once its lease runs out and finishes it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkersE2E {

    static final int ENVIRONMENTS = 12;
    static final List<String> VERSIONS = List.of("1.0.0", "1.1.0", "1.2.0", "1.3.0");

    static IsolatedEnvironment infra;
    static Path workDir;
    static ServiceProcess command;
    static final List<ServiceProcess> workers = new ArrayList<>();
    static Amqp amqp;
    static final List<Received> events = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Path repo = StagecraftCluster.repo();
        infra = IsolatedEnvironment.create("workers");
        workDir = Files.createTempDirectory("stagecraft-workers-");
        Map<String, String> environment = StagecraftCluster.serviceEnvironment(infra, workDir);
        command = StagecraftCluster.service(repo, "command-service", environment);
        Map<String, String> workerEnvironment = new HashMap<>(environment);
        workerEnvironment.put("STAGECRAFT_DEPLOYER_LEASE", "3s");
        workerEnvironment.put("STAGECRAFT_DEPLOYER_POLL_INTERVAL", "1s");
        for (int i = 1; i <= 3; i++) {
            workers.add(StagecraftCluster.service(
                    repo, "deployer-worker", "deployer-worker-" + i, workerEnvironment, ServiceProcess.freePort()));
        }
        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> command.ready() && workers.stream().allMatch(ServiceProcess::ready));
        amqp = new Amqp(infra);
    }

    @AfterAll
    static void stop() throws Exception {
        if (amqp != null) {
            amqp.close();
        }
        workers.forEach(ServiceProcess::close);
        if (command != null) {
            command.close();
        }
        if (infra != null) {
            infra.close();
        }
    }

    @Test
    @Order(1)
    void eachEnvironmentRunsItsDeploymentsOnceAndInOrderWhicheverWorkerTakesThem() throws Exception {
        register("fleet", "300ms");
        Map<String, List<String>> requested = new LinkedHashMap<>();
        for (int i = 1; i <= ENVIRONMENTS; i++) {
            requested.put("review-" + i, new ArrayList<>());
        }
        for (String version : VERSIONS) {
            for (String env : requested.keySet()) {
                requested
                        .get(env)
                        .add(
                                version.equals(VERSIONS.getFirst())
                                        ? create("fleet", env, version)
                                        : update("fleet", env, version));
            }
        }
        Set<String> all = requested.values().stream().flatMap(List::stream).collect(Collectors.toSet());

        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    amqp.drainEvents(events);
                    return ended(all).size() == all.size();
                });

        for (Map.Entry<String, List<String>> env : requested.entrySet()) {
            List<String> order = env.getValue();
            List<String> started = ofEnvironment("fleet", env.getKey(), "deployment.started").stream()
                    .map(e -> e.body().get("deploymentId").stringValue())
                    .toList();
            assertThat(started)
                    .as("deployments of %s started once each", env.getKey())
                    .doesNotHaveDuplicates();
            assertThat(started)
                    .as("deployments of %s started in the order they were accepted", env.getKey())
                    .isSortedAccordingTo((a, b) -> Integer.compare(order.indexOf(a), order.indexOf(b)));
            String last = order.getLast();
            assertThat(ended(Set.of(last))).containsEntry(last, "deployment.succeeded");
        }
        assertThat(ended(all).values()).isSubsetOf("deployment.succeeded", "deployment.superseded");
        assertThat(startedDeployments())
                .hasSameSizeAs(ended(all).entrySet().stream()
                        .filter(e -> e.getValue().equals("deployment.succeeded"))
                        .toList());
        try (Connection db = database()) {
            assertThat(single(db, "SELECT count(DISTINCT worker_id) FROM deployer.deployment WHERE app = 'fleet'"))
                    .as("the deployments were shared among the workers")
                    .isGreaterThanOrEqualTo(2);
            assertThat(single(db, "SELECT max(attempts) FROM deployer.deployment WHERE app = 'fleet'"))
                    .as("no deployment ran twice")
                    .isEqualTo(1);
            assertThat(single(db, """
                            SELECT count(*) FROM deployer.environment
                            WHERE app = 'fleet' AND (status <> 'RUNNING' OR actual_version <> '1.3.0')""")).isZero();
        }
    }

    @Test
    @Order(2)
    void aDeploymentWhoseWorkerIsKilledIsTakenOverAndFinishedByAnother() throws Exception {
        register("slow", "12s");
        String deployment = create("slow", "victim", "1.0.0");
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            amqp.drainEvents(events);
            return ofDeployment(deployment, "deployment.started").size() == 1;
        });
        String holder;
        try (Connection db = database()) {
            holder = text(db, "SELECT worker_id FROM deployer.deployment WHERE id = '" + deployment + "'");
        }
        long pid = Long.parseLong(holder.substring(holder.lastIndexOf('-') + 1));
        ServiceProcess victim = workers.stream()
                .filter(worker -> worker.handle().pid() == pid)
                .findFirst()
                .orElseThrow();

        victim.handle().destroyForcibly();

        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    amqp.drainEvents(events);
                    return !ofDeployment(deployment, "deployment.succeeded").isEmpty();
                });
        assertThat(ofDeployment(deployment, "deployment.failed")).isEmpty();
        try (Connection db = database()) {
            assertThat(text(db, "SELECT worker_id FROM deployer.deployment WHERE id = '" + deployment + "'"))
                    .isNotEqualTo(holder);
            assertThat(single(db, "SELECT attempts FROM deployer.deployment WHERE id = '" + deployment + "'"))
                    .isEqualTo(2);
            assertThat(text(
                            db,
                            "SELECT string_agg(line, ' | ') FROM deployer.step_log WHERE deployment_id = '" + deployment
                                    + "'"))
                    .contains("deployer-worker " + holder + " stopped while it ran this deployment");
            assertThat(text(db, "SELECT status FROM deployer.environment WHERE app = 'slow' AND name = 'victim'"))
                    .isEqualTo("RUNNING");
        }
    }

    private static void register(String app, String delay) {
        Clients.Response registered =
                Clients.send("POST", command.baseUrl() + "/api/v1/applications", """
                {"name":"%s", "driver":"noop", "driverSettings":{"delay":"%s"}}""".formatted(app, delay));
        assertThat(registered.status()).as(String.valueOf(registered.body())).isEqualTo(202);
    }

    private static String create(String app, String env, String version) {
        Clients.Response created =
                Clients.send("POST", command.baseUrl() + "/api/v1/applications/" + app + "/environments", """
                {"name":"%s", "version":"%s"}""".formatted(
                                env, version));
        assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(202);
        return created.body().get("deploymentId").stringValue();
    }

    private static String update(String app, String env, String version) {
        Clients.Response updated = Clients.send(
                "PATCH", command.baseUrl() + "/api/v1/applications/" + app + "/environments/" + env, """
                {"version":"%s"}""".formatted(
                                version));
        assertThat(updated.status()).as(String.valueOf(updated.body())).isEqualTo(202);
        return updated.body().get("deploymentId").stringValue();
    }

    /** The final event of each of {@code deployments} that has ended, by deployment id. */
    private static Map<String, String> ended(Set<String> deployments) {
        Map<String, String> ends = new HashMap<>();
        for (Received event : List.copyOf(events)) {
            if (event.type().matches("deployment\\.(succeeded|failed|cancelled|superseded)")) {
                String id = event.body().get("deploymentId").stringValue();
                if (deployments.contains(id)) {
                    assertThat(ends.put(id, event.type()))
                            .as("deployment %s ended twice", id)
                            .isNull();
                }
            }
        }
        return ends;
    }

    private static List<Received> startedDeployments() {
        return events.stream()
                .filter(e -> e.type().equals("deployment.started")
                        && "fleet".equals(e.body().get("app").stringValue()))
                .toList();
    }

    /** The events of one environment of a type, in the order of the worker's per-environment sequence. */
    private static List<Received> ofEnvironment(String app, String env, String type) {
        return events.stream()
                .filter(e -> e.type().equals(type)
                        && app.equals(e.body().get("app").stringValue())
                        && env.equals(e.body().get("environment").stringValue()))
                .sorted((a, b) -> Long.compare(
                        a.body().get("sequence").longValue(),
                        b.body().get("sequence").longValue()))
                .toList();
    }

    private static List<Received> ofDeployment(String deployment, String type) {
        return events.stream()
                .filter(e -> e.type().equals(type)
                        && deployment.equals(e.body().get("deploymentId").stringValue()))
                .toList();
    }

    private static Connection database() throws SQLException {
        return DriverManager.getConnection(infra.jdbcUrl(), infra.databaseUser(), infra.databasePassword());
    }

    private static long single(Connection db, String sql) throws SQLException {
        try (ResultSet rows = db.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String text(Connection db, String sql) throws SQLException {
        try (ResultSet rows = db.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
