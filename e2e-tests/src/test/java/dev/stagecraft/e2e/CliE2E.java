package dev.stagecraft.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stagecraft.contracts.MessageCodec;
import dev.stagecraft.testsupport.ServiceProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * The {@code stagecraft} CLI run as a user runs it — the {@code cli/stagecraft} launcher, as a process, with its
 * output piped — against all four services: every command, {@code --wait} following deployments over the WebSocket,
 * {@code --output json} parsed, refusals and their exit codes, a service that is down; and in a real terminal (tmux)
 * the live progress bars in colour, which piped output never has.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliE2E {

    static final String APP = "cli-shop";
    static final String ESC = "\u001b";
    static StagecraftCluster cluster;
    static Path home;
    static Path workDir;
    static String firstDeployment;

    record Result(int exitCode, String out, String err) {
        JsonNode json() {
            return MessageCodec.instance().mapper().readTree(out);
        }
    }

    @BeforeAll
    static void startStagecraft() throws IOException {
        cluster = StagecraftCluster.start();
        Files.deleteIfExists(cluster.repo.resolve("e2e-tests/target/e2e-logs/cli-transcript.txt"));
        home = Files.createTempDirectory("stagecraft-cli-home-");
        workDir = Files.createTempDirectory("stagecraft-cli-work-");
    }

    @AfterAll
    static void stopStagecraft() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void registersAnApplicationFromOptions() {
        String demo = cluster.repo.resolve("bootstrap/demo-app/DemoApp.java").toString();

        Result result = cli(
                "app",
                "register",
                "--name",
                APP,
                "--driver",
                "local",
                "--setting",
                "command=exec " + ServiceProcess.javaBinary() + " " + demo,
                "--setting",
                "healthPath=/health",
                "--setting",
                "readyTimeout=PT20S",
                "--default",
                "GREETING=hello",
                "--stage",
                "development",
                "--stage",
                "qa",
                "--stage",
                "prod,requires-approval");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("accepted: register application " + APP + " (command ");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThat(cli("app", "list", "-o", "json").json().findValuesAsString("name"))
                                .contains(APP));
    }

    @Test
    @Order(2)
    void createWithWaitFollowsTheDeploymentAndExitsZero() {
        Result result = cli("env", "create", APP, "development", "--version", "1.0.0", "--wait");

        assertThat(result.exitCode()).as(result.err()).isZero();
        // piped: one plain line per change, no escapes; the steps of the plan and the end
        assertThat(result.out()).doesNotContain(ESC);
        assertThat(result.out().lines())
                .anyMatch(line -> line.startsWith("  step apply RUNNING: starting 1.0.0"))
                .anyMatch(line -> line.startsWith("  step wait-ready DONE: healthy"))
                .anyMatch(line -> line.startsWith("create " + APP + "/development 1.0.0 SUCCEEDED 100%"))
                .anyMatch(line -> line.matches("✔ deployment [0-9a-f-]{36} succeeded in [0-9.]+ s"));
    }

    @Test
    @Order(3)
    void aRefusedCommandExitsThreeWithTheServicesSentence() {
        Result result = cli("env", "create", APP, "development", "--version", "2.0.0");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.out()).isEmpty();
        assertThat(result.err())
                .isEqualTo(
                        "environment " + APP + "/development already exists; update it with PATCH /api/v1/applications/"
                                + APP + "/environments/development\n");
    }

    @Test
    @Order(4)
    void promoteWithWaitAndJsonPrintsTheFinishedDeployment() {
        Result result = cli("promote", APP, "1.0.0", "--to", "qa", "--wait", "-o", "json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        JsonNode deployment = result.json();
        assertThat(deployment.path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(deployment.path("environment").asString()).isEqualTo("qa");
        assertThat(deployment.path("steps").findValuesAsString("name")).contains("apply", "wait-ready", "switch");
    }

    @Test
    @Order(5)
    void readCommandsAnswerJsonForScripts() {
        JsonNode environment =
                cli("env", "show", APP, "development", "-o", "json").json();
        assertThat(environment.path("status").asString()).isEqualTo("RUNNING");
        assertThat(environment.path("version").asString()).isEqualTo("1.0.0");

        JsonNode matrix = cli("status", APP, "-o", "json").json();
        assertThat(matrix.path("pipeline").findValuesAsString("stage")).containsExactly("development", "qa", "prod");
        assertThat(matrix.path("pipeline").get(1).path("version").asString()).isEqualTo("1.0.0");

        // one environment per page: the CLI follows Link rel="next" and answers one array
        JsonNode list = cli("env", "list", "--app", APP, "--page-size", "1", "-o", "json")
                .json();
        assertThat(java.util.stream.StreamSupport.stream(list.spliterator(), false)
                        .map(listed -> listed.path("name").asString()))
                .containsExactly("development", "qa");

        JsonNode diff = cli("diff", APP, "--from", "development", "--to", "qa", "-o", "json")
                .json();
        assertThat(diff.path("inSync").asBoolean()).isTrue();

        JsonNode history = cli("history", APP, "development", "-o", "json").json();
        assertThat(history).hasSize(1);
        firstDeployment = history.get(0).path("id").asString();
        assertThat(history.get(0).path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(history.get(0).path("channel").asString()).isEqualTo("rest");

        JsonNode events =
                cli("history", APP, "development", "--events", "-o", "json").json();
        assertThat(events.findValuesAsString("type")).contains("deployment.succeeded", "environment.spec-changed");

        JsonNode logs = cli("logs", firstDeployment, "-o", "json").json();
        assertThat(logs.path("id").asString()).isEqualTo(firstDeployment);
        assertThat(logs.path("steps").findValuesAsString("name")).contains("apply", "wait-ready");
    }

    @Test
    @Order(6)
    void readCommandsPrintTablesForPeople() {
        Result status = cli("status", APP);
        assertThat(status.out())
                .contains("STAGE", "VERSION", "DEPLOYED BY")
                .containsPattern("qa\\s+1\\.0\\.0\\s+RUNNING\\s+admin");
        assertThat(status.out()).containsPattern("prod\\s+-\\s+-.*approval");

        Result list = cli("env", "list", "--app", APP);
        assertThat(list.out()).containsPattern("cli-shop\\s+development\\s+development\\s+RUNNING\\s+1\\.0\\.0");

        Result logs = cli("logs", firstDeployment);
        assertThat(logs.out()).contains("deployment " + firstDeployment, "── apply", "── wait-ready", "SUCCEEDED");

        Result diff = cli("diff", APP, "--from", "development", "--to", "qa");
        assertThat(diff.out()).contains(APP + ": development → qa", "in sync");

        Result history = cli("history", APP, "development");
        assertThat(history.out()).contains("DEPLOYMENT", firstDeployment, "SUCCEEDED", "admin");

        assertThat(status.out() + list.out() + logs.out() + diff.out() + history.out())
                .doesNotContain(ESC);
    }

    @Test
    @Order(7)
    void updateAndRollbackWithWait() {
        Result update = cli("env", "update", APP, "development", "--version", "1.1.0", "--wait");
        assertThat(update.exitCode()).as(update.err()).isZero();

        Result rollback = cli("rollback", APP, "development", "--wait", "-o", "json");
        assertThat(rollback.exitCode()).as(rollback.err()).isZero();
        assertThat(rollback.json().path("version").asString()).isEqualTo("1.0.0");
        assertThat(cli("env", "show", APP, "development", "-o", "json")
                        .json()
                        .path("version")
                        .asString())
                .isEqualTo("1.0.0");
    }

    @Test
    @Order(8)
    void aFailedDeploymentExitsOneNamingTheStep() {
        Result result = cli(
                "env",
                "create",
                APP,
                "review-broken",
                "--version",
                "1.0.0",
                "--set",
                "DEMO_FAIL_HEALTH=true",
                "--wait");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.out()).contains("step wait-ready FAILED");
        assertThat(result.err())
                .containsPattern("^deployment [0-9a-f-]{36} failed at step wait-ready: ")
                .containsPattern("; see 'stagecraft logs [0-9a-f-]{36}'\n$");
    }

    @Test
    @Order(9)
    void approvalsKeepFourEyesAndTheRequesterCanWithdraw() {
        Result promote = cli("promote", APP, "1.0.0", "--to", "prod", "-o", "json");
        assertThat(promote.exitCode()).as(promote.err()).isZero();
        String deployment = promote.json().path("deploymentId").asString();

        Result approve = cli("approve", deployment);
        assertThat(approve.exitCode()).isEqualTo(5);
        assertThat(approve.err())
                .isEqualTo("admin requested this deployment; someone else with the approver role must approve it\n");

        Result cancel = cli("cancel", deployment);
        assertThat(cancel.exitCode()).as(cancel.err()).isZero();
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(cli("logs", deployment, "-o", "json")
                                .json()
                                .path("status")
                                .asString())
                        .isEqualTo("CANCELLED"));

        Result reject = cli("reject", deployment, "--comment", "too late");
        assertThat(reject.exitCode()).isIn(3, 5);
        assertThat(reject.err()).isNotBlank().doesNotContain("Exception");
    }

    @Test
    @Order(10)
    void locksRefuseOthersAndUnlock() {
        Result lock = cli("env", "lock", APP, "qa", "--reason", "release freeze");
        assertThat(lock.exitCode()).as(lock.err()).isZero();
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(cli("status", APP, "-o", "json")
                                .json()
                                .path("pipeline")
                                .get(1)
                                .path("lock")
                                .path("reason")
                                .asString())
                        .isEqualTo("release freeze"));

        Result unlock = cli("env", "unlock", APP, "qa");
        assertThat(unlock.exitCode()).as(unlock.err()).isZero();
        Result again = cli("env", "unlock", APP, "qa");
        assertThat(again.exitCode()).isEqualTo(3);
        assertThat(again.err()).contains("is not locked, so there is nothing to unlock");
    }

    @Test
    @Order(11)
    void archiveRestoreAndCleanupAReviewEnvironment() {
        Result create =
                cli("env", "create", APP, "review-1", "--version", "1.0.0", "--ttl", "2h", "--tag", "review", "--wait");
        assertThat(create.exitCode()).as(create.err()).isZero();
        JsonNode review = cli("env", "show", APP, "review-1", "-o", "json").json();
        assertThat(review.path("ttl").asString()).isEqualTo("PT2H");
        assertThat(review.path("tags").get(0).asString()).isEqualTo("review");

        assertThat(cli("env", "archive", APP, "review-1", "--wait").exitCode()).isZero();
        assertThat(cli("env", "restore", APP, "review-1", "--wait").exitCode()).isZero();
        assertThat(cli("env", "archive", APP, "review-1", "--wait").exitCode()).isZero();
        Result cleanup = cli("env", "cleanup", APP, "review-1", "--wait");
        assertThat(cleanup.exitCode()).as(cleanup.err()).isZero();
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(cli("env", "show", APP, "review-1", "-o", "json")
                                .json()
                                .path("status")
                                .asString())
                        .isEqualTo("CLEANED"));
    }

    @Test
    @Order(12)
    void inATerminalTheProgressIsLiveAndColouredAndPipedItIsPlain() throws Exception {
        try (Tmux tmux = Tmux.start(environment(settings()))) {
            tmux.type(launcher() + " env create " + APP + " review-tty --version 1.0.0 --wait; echo EXIT=$?");
            String pane = tmux.awaitScreen("EXIT=", Duration.ofSeconds(120));

            assertThat(pane).contains("EXIT=0");
            assertThat(pane).contains("✔ deployment").contains("succeeded");
            assertThat(pane).contains("█".repeat(20)); // the bars
            // redrawn in place: the deployment's line once, however many times it changed (lines never wrap)
            assertThat(pane.split("create " + APP + "/review-tty 1.0.0", -1)).hasSize(2);
            String styled = tmux.captureWithEscapes();
            transcript("[tmux pane, escapes shown as \\e]\n" + styled.replace(ESC, "\\e") + "\n");
            assertThat(styled).contains(ESC + "[32m"); // green: SUCCEEDED, DONE, the finished bars
            assertThat(styled).contains(ESC + "[1m"); // bold title

            Path piped = workDir.resolve("piped.txt");
            tmux.type(launcher() + " env update " + APP + " review-tty --version 1.1.0 --wait > " + piped
                    + " 2>&1; echo PIPED=$?");
            assertThat(tmux.awaitScreen("PIPED=", Duration.ofSeconds(120))).contains("PIPED=0");
            String text = Files.readString(piped);
            assertThat(text)
                    .doesNotContain(ESC)
                    .doesNotContain("█")
                    .contains("step switch DONE")
                    .contains("succeeded");
        }
    }

    @Test
    @Order(13)
    void settingsComeFromTheConfigFileAndABadTokenIsRefused() throws IOException {
        Path config =
                Files.createDirectories(home.resolve(".config/stagecraft")).resolve("config");
        Files.writeString(
                config, """
                command-url = %s
                query-url = %s
                token = %s
                """.formatted(cluster.command.baseUrl(), cluster.query.baseUrl(), Clients.ADMIN_TOKEN));
        try {
            Result fromFile = run(Map.of(), List.of("status", APP, "-o", "json"));
            assertThat(fromFile.exitCode()).as(fromFile.err()).isZero();

            Result badToken = run(Map.of(), List.of("status", APP, "--token", "sc_wrong"));
            assertThat(badToken.exitCode()).isEqualTo(5);
            assertThat(badToken.err().lines()).hasSize(1);
        } finally {
            Files.delete(config);
        }
    }

    @Test
    @Order(14)
    void waitGivesUpAfterTheTimeoutWithExitSix() {
        Result result = cli(
                "env",
                "create",
                APP,
                "review-slow",
                "--version",
                "1.0.0",
                "--set",
                "DEMO_STARTUP_DELAY=15000",
                "--wait",
                "--timeout",
                "3s");

        assertThat(result.exitCode()).isEqualTo(6);
        assertThat(result.err())
                .containsPattern("^deployment [0-9a-f-]{36} is (still [A-Z_]+|not finished) after 3s; follow it with"
                        + " 'stagecraft logs [0-9a-f-]{36}' or wait longer with --timeout\n$");
    }

    @Test
    @Order(15)
    void withoutTheNotifierWaitFollowsThroughQueryService() {
        cluster.notifier.close();

        Result result = cli("env", "update", APP, "development", "--version", "1.1.0", "--wait");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err())
                .isEqualTo("cannot reach notifier-service at " + cluster.notifier.baseUrl()
                        + ": connection refused — is it running? try ./bootstrap/up; following the deployment through"
                        + " query-service instead\n");
        assertThat(result.out()).contains("SUCCEEDED").containsPattern("✔ deployment [0-9a-f-]{36} succeeded");
    }

    @Test
    @Order(16)
    void aServiceThatIsDownIsNamedInOneSentence() {
        cluster.command.close();

        Result result = cli("env", "archive", APP, "qa");

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.err())
                .isEqualTo("cannot reach command-service at " + cluster.command.baseUrl()
                        + ": connection refused — is it running? try ./bootstrap/up\n");
    }

    // --- running the CLI --------------------------------------------------------------------------------------

    static Result cli(String... args) {
        return run(settings(), List.of(args));
    }

    /** The cluster's addresses and the admin's token, as environment variables. */
    static Map<String, String> settings() {
        return Map.of(
                "STAGECRAFT_COMMAND_URL", cluster.command.baseUrl(),
                "STAGECRAFT_QUERY_URL", cluster.query.baseUrl(),
                "STAGECRAFT_NOTIFIER_URL", cluster.notifier.baseUrl(),
                "STAGECRAFT_TOKEN", Clients.ADMIN_TOKEN);
    }

    /** Runs the launcher with {@code settings} as environment variables; output is piped to files. */
    static Result run(Map<String, String> settings, List<String> args) {
        try {
            Path out = Files.createTempFile(workDir, "out-", ".txt");
            Path err = Files.createTempFile(workDir, "err-", ".txt");
            List<String> command = new ArrayList<>(List.of("bash", launcher()));
            command.addAll(args);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().clear();
            builder.environment().putAll(environment(settings));
            Process process = builder.start();
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("stagecraft " + String.join(" ", args) + " did not end within 180 s");
            }
            Result result = new Result(
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            transcript("$ stagecraft " + String.join(" ", args) + "\n" + result.out() + result.err() + "[exit "
                    + result.exitCode() + "]\n\n");
            return result;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every command the test ran with its output, for a person to read: {@code target/e2e-logs/cli-transcript.txt}. */
    static void transcript(String text) throws IOException {
        Path log = cluster.repo.resolve("e2e-tests/target/e2e-logs/cli-transcript.txt");
        Files.createDirectories(log.getParent());
        Files.writeString(log, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** A clean environment: a home of its own (no user config), the test's JDK, and the given settings. */
    static Map<String, String> environment(Map<String, String> settings) {
        Map<String, String> environment = new HashMap<>();
        environment.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        environment.put("HOME", home.toString());
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.put("LANG", "C.UTF-8");
        environment.putAll(settings);
        return environment;
    }

    static String launcher() {
        return cluster.repo.resolve("cli/stagecraft").toString();
    }
}
