package dev.stagecraft.deployer.driver.script;

import static dev.stagecraft.deployer.driver.script.ControlScriptsFixture.called;
import static dev.stagecraft.deployer.driver.script.ControlScriptsFixture.calls;
import static dev.stagecraft.deployer.driver.script.ControlScriptsFixture.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.contracts.FailureReason;
import dev.stagecraft.deployer.driver.CheckResult;
import dev.stagecraft.deployer.driver.DeployResult;
import dev.stagecraft.deployer.driver.DriverException;
import dev.stagecraft.deployer.driver.Hook;
import dev.stagecraft.deployer.driver.Link;
import dev.stagecraft.deployer.driver.RecordingReporter;
import dev.stagecraft.deployer.driver.Spec;
import dev.stagecraft.deployer.driver.Steps;
import dev.stagecraft.deployer.driver.Target;
import dev.stagecraft.deployer.driver.TargetUnavailableException;
import dev.stagecraft.deployer.driver.Workload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The script driver calling the real shell scripts of {@code src/test/resources/scripts/control} (no Spring). */
class ScriptDriverIT {

    static final String SECRET = "s3cret-value-42";
    static final Target TARGET = new Target("shop", "review-1");

    final ScriptDriver driver = new ScriptDriver(new ScriptDriverProperties(
            Duration.ofSeconds(20), Duration.ofMillis(100), Duration.ofSeconds(10), 0, null));

    @TempDir
    Path temp;

    Path scripts;

    @BeforeEach
    void copyScripts() {
        scripts = ControlScriptsFixture.copyTo(temp.resolve("scripts"));
    }

    @Test
    void createThenUpdateCallTheScriptsWithExactlyTheDocumentedArguments() {
        RecordingReporter first = new RecordingReporter();
        DeployResult created = driver.deploy(spec("1.0.0"), null, first);

        assertThat(created.changed()).isTrue();
        assertThat(created.workload()).isEqualTo(new Workload(spec("1.0.0"), null, null, null, "shop-previews"));
        assertThat(calls(scripts))
                .containsExactly(
                        standardCall("config_check", "1.0.0"),
                        standardCall("create", "1.0.0"),
                        standardCall("check", "1.0.0"));
        assertThat(first.changes)
                .containsExactly(
                        "apply:RUNNING", "apply:DONE", "wait-ready:RUNNING", "wait-ready:DONE", "switch:SKIPPED");
        assertThat(first.messages).contains("switch:SKIPPED the control script replaces the workload in place");
        assertThat(environment("create"))
                .containsEntry("STAGECRAFT_APP", "shop")
                .containsEntry("STAGECRAFT_ENVIRONMENT", "review-1")
                .containsEntry("STAGECRAFT_VERSION", "1.0.0")
                .containsEntry("PWD", scripts.toString());

        RecordingReporter second = new RecordingReporter();
        DeployResult updated = driver.deploy(spec("2.0.0"), created.workload(), second);

        assertThat(updated.changed()).isTrue();
        assertThat(calls(scripts).subList(3, 6))
                .containsExactly(
                        standardCall("config_check", "2.0.0"),
                        standardCall("update", "2.0.0"),
                        standardCall("check", "2.0.0"));
        assertThat(second.logs)
                .contains("apply: [update] " + String.join(" ", standardCall("$ update", "2.0.0")))
                .contains("apply: [update] exited with 0");
    }

    @Test
    void theSameSpecAgainOnlyChecksAndAWorkloadOfAnotherDriverIsCreated() {
        DeployResult created = driver.deploy(spec("1.0.0"), null, new RecordingReporter());

        RecordingReporter again = new RecordingReporter();
        DeployResult same = driver.deploy(spec("1.0.0"), created.workload(), again);

        assertThat(same.changed()).isFalse();
        assertThat(same.workload()).isEqualTo(created.workload());
        assertThat(called(scripts)).containsExactly("config_check", "create", "check", "check");
        assertThat(again.changes).containsExactly("apply:SKIPPED", "wait-ready:DONE", "switch:SKIPPED");

        Spec local = new Spec(TARGET, "1.0.0", null, "local", Map.of(), Map.of(), Map.of("command", "true"));
        driver.deploy(spec("1.0.0"), new Workload(local, 1L, null, 8080, "/tmp"), new RecordingReporter());

        assertThat(called(scripts).subList(4, 7)).containsExactly("config_check", "create", "check");
    }

    @Test
    void withoutBaseDomainAndNamespaceTheyAreEmptyAndTheApplicationsName() {
        Spec minimal =
                new Spec(TARGET, "1.0.0", null, "script", Map.of(), Map.of(), Map.of("scriptsDir", scripts.toString()));

        driver.deploy(minimal, null, new RecordingReporter());

        assertThat(calls(scripts).getFirst())
                .containsExactly(
                        "config_check",
                        "--project-name",
                        "shop",
                        "--base-domain",
                        "",
                        "--namespace",
                        "shop",
                        "--name",
                        "review-1",
                        "--tag",
                        "1.0.0");
    }

    @Test
    void aFailingConfigCheckStopsTheDeploymentBeforeAnythingChanges() {
        write(scripts, "exit.config_check", "1\n");
        write(scripts, "out.config_check", "deploymentConfig replicas must be positive\n");
        RecordingReporter steps = new RecordingReporter();

        assertThatThrownBy(() -> driver.deploy(spec("1.0.0"), null, steps))
                .isInstanceOfSatisfying(DriverException.class, e -> {
                    assertThat(e.step()).isEqualTo(Steps.APPLY);
                    assertThat(e.reason()).isEqualTo(FailureReason.GENERIC);
                })
                .hasMessageStartingWith("config_check of shop/review-1 rejected the configuration of version 1.0.0"
                        + " (exit code 1); nothing was changed; its last 2 lines of output:")
                .hasMessageContaining("deploymentConfig replicas must be positive");
        assertThat(called(scripts)).containsExactly("config_check");
        assertThat(steps.changes).containsExactly("apply:RUNNING");
    }

    @Test
    void checkExitCodesMapToTheirFailureReasonsWithTheOutputAndTheVersionPrinted() {
        Workload workload =
                driver.deploy(spec("1.0.0"), null, new RecordingReporter()).workload();
        write(scripts, "out.check", "2 of 3 replicas ready\nversion=0.9.0\n");

        Map<Integer, FailureReason> expected = Map.of(
                1, FailureReason.GENERIC,
                2, FailureReason.PARTIAL_AVAILABILITY,
                3, FailureReason.VERSION_MISMATCH,
                4, FailureReason.GENERIC);
        expected.forEach((code, reason) -> {
            write(scripts, "exit.check", code + "\n");
            CheckResult check = driver.check(workload);
            assertThat(check.failure()).as("exit code %d", code).isEqualTo(reason);
            assertThat(check.actualVersion()).isEqualTo("0.9.0");
            assertThat(check.message())
                    .startsWith("check of shop/review-1 exited with " + code)
                    .contains("2 of 3 replicas ready");
        });

        write(scripts, "exit.check", "0\n");
        write(scripts, "out.check", "version=1.0.0\n");
        CheckResult healthy = driver.check(workload);
        assertThat(healthy.isHealthy()).isTrue();
        assertThat(healthy.actualVersion()).isEqualTo("1.0.0");
        assertThat(healthy.message()).startsWith("check of shop/review-1 passed");
    }

    @Test
    void waitReadyPollsCheckUntilItPassesLoggingOnlyChangedAnswers() {
        write(scripts, "exit.check", "2\n2\n2\n0\n");
        RecordingReporter steps = new RecordingReporter();

        driver.deploy(spec("1.0.0"), null, steps);

        assertThat(called(scripts)).containsExactly("config_check", "create", "check", "check", "check", "check");
        assertThat(steps.logs)
                .filteredOn(line -> line.equals("wait-ready: [check] exited with 2"))
                .hasSize(1);
        assertThat(steps.logs).contains("wait-ready: [check] exited with 0");
    }

    @Test
    void waitReadyFailsWithTheLastChecksReasonWhenItNeverPasses() {
        write(scripts, "exit.check", "3\n");
        write(scripts, "out.check", "version=0.9.0\n");
        Spec spec = spec("1.0.0", Map.of("readyTimeout", "1s"));

        assertThatThrownBy(() -> driver.deploy(spec, null, new RecordingReporter()))
                .isInstanceOfSatisfying(DriverException.class, e -> {
                    assertThat(e.step()).isEqualTo(Steps.WAIT_READY);
                    assertThat(e.reason()).isEqualTo(FailureReason.VERSION_MISMATCH);
                })
                .hasMessageStartingWith("version 1.0.0 did not pass check within 1s; last check of shop/review-1"
                        + " exited with 3 (version mismatch)")
                .hasMessageContaining("version=0.9.0");
    }

    @Test
    void infoPrintsCsvLinks() {
        Workload workload =
                driver.deploy(spec("1.0.0"), null, new RecordingReporter()).workload();
        write(
                scripts,
                "out.info",
                "name,url\n\napp,https://review-1.example.com\n\"grafana\",https://grafana.example.com/d?a=1,2\n");

        assertThat(driver.info(workload))
                .containsExactly(
                        new Link("app", "https://review-1.example.com"),
                        new Link("grafana", "https://grafana.example.com/d?a=1,2"));

        write(scripts, "out.info", "app https://review-1.example.com\n");
        assertThatThrownBy(() -> driver.info(workload))
                .isInstanceOf(DriverException.class)
                .hasMessage("info printed 'app https://review-1.example.com', which is not a CSV line name,url;"
                        + " fix the info script");
    }

    @Test
    void aScriptThatOutlivesItsTimeoutIsKilledWithEverythingItStarted() throws IOException {
        write(scripts, "hang.create", "");
        Spec spec = spec("1.0.0", Map.of("timeout", "1s"));

        assertThatThrownBy(() -> driver.deploy(spec, null, new RecordingReporter()))
                .isInstanceOfSatisfying(
                        DriverException.class, e -> assertThat(e.step()).isEqualTo(Steps.APPLY))
                .hasMessageStartingWith("create of shop/review-1 did not finish within 1s and was killed with every"
                        + " process it started; give it more time with driverSettings.timeout; its last line of"
                        + " output: create: connecting with DB_PASSWORD=******");

        long script =
                Long.parseLong(Files.readString(scripts.resolve("pid.create")).strip());
        long sleep =
                Long.parseLong(Files.readString(scripts.resolve("sleep.create")).strip());
        assertThat(alive(script)).as("the script").isFalse();
        assertThat(alive(sleep)).as("the sleep it started").isFalse();
        assertThat(called(scripts)).containsExactly("config_check", "create");
    }

    @Test
    void processesAScriptLeavesHoldingItsOutputAreKilledWhenItExits() throws IOException {
        write(scripts, "linger.create", "");
        RecordingReporter steps = new RecordingReporter();

        DeployResult result = driver.deploy(spec("1.0.0"), null, steps);

        assertThat(result.changed()).isTrue();
        long sleep =
                Long.parseLong(Files.readString(scripts.resolve("sleep.create")).strip());
        assertThat(alive(sleep)).as("the sleep left in the background").isFalse();
        assertThat(steps.logs)
                .containsSubsequence(
                        "apply: [create] exited, but processes it started still hold its output open; they are killed",
                        "apply: [create] exited with 0");
    }

    @Test
    void exitCode75MeansTheTargetIsUnavailable() {
        write(scripts, "exit.create", "75\n");

        assertThatThrownBy(() -> driver.deploy(spec("1.0.0"), null, new RecordingReporter()))
                .isInstanceOfSatisfying(
                        TargetUnavailableException.class,
                        e -> assertThat(e.step()).isEqualTo(Steps.APPLY))
                .hasMessageStartingWith(
                        "create of shop/review-1 exited with 75 (EX_TEMPFAIL): its target is unavailable for now");

        write(scripts, "exit.create", "0\n");
        Workload workload =
                driver.deploy(spec("1.0.0"), null, new RecordingReporter()).workload();
        write(scripts, "exit.check", "75\n");
        assertThatThrownBy(() -> driver.check(workload)).isInstanceOf(TargetUnavailableException.class);
    }

    @Test
    void aFailingScriptFailsItsStepWithItsLastLinesOfOutput() {
        Workload workload =
                driver.deploy(spec("1.0.0"), null, new RecordingReporter()).workload();
        write(scripts, "exit.update", "1\n");
        write(scripts, "out.update", "Error: UPGRADE FAILED: timed out waiting for the condition\n");

        assertThatThrownBy(() -> driver.deploy(spec("2.0.0"), workload, new RecordingReporter()))
                .isInstanceOfSatisfying(
                        DriverException.class, e -> assertThat(e.step()).isEqualTo(Steps.APPLY))
                .hasMessageStartingWith("update of shop/review-1 failed with exit code 1; its last 2 lines of output:")
                .hasMessageContaining("Error: UPGRADE FAILED: timed out waiting for the condition")
                .hasMessageContaining("update: connecting with DB_PASSWORD=******")
                .message()
                .doesNotContain(SECRET);
    }

    @Test
    void secretsReachTheScriptsEnvironmentOnlyNeverItsArgumentsOrTheLog() throws IOException {
        RecordingReporter steps = new RecordingReporter();

        driver.deploy(spec("1.0.0"), null, steps);

        assertThat(environment("create"))
                .containsEntry("DB_PASSWORD", SECRET)
                .containsEntry("STAGECRAFT_SECRETS", "DB_PASSWORD");
        assertThat(Files.readString(scripts.resolve("calls"))).doesNotContain(SECRET);
        assertThat(steps.logs)
                .contains("apply: [create!] create: connecting with DB_PASSWORD=******")
                .noneMatch(line -> line.contains(SECRET));
        assertThat(steps.messages).noneMatch(message -> message.contains(SECRET));
        workerOnlyVariable()
                .ifPresent(name -> assertThat(environment("create")).as(name).doesNotContainKey(name));
    }

    @Test
    void archiveWaitsForArchiveCheckRestoreUnarchivesAndCleanupCleansUp() {
        Workload running =
                driver.deploy(spec("1.0.0"), null, new RecordingReporter()).workload();
        write(scripts, "exit.archive_check", "1\n1\n0\n");

        RecordingReporter archiving = new RecordingReporter();
        Workload archived = driver.archive(running, archiving);

        assertThat(archived).isEqualTo(running.stopped());
        assertThat(called(scripts).subList(3, 7))
                .containsExactly("archive", "archive_check", "archive_check", "archive_check");
        assertThat(archiving.changes).containsExactly("stop:RUNNING", "stop:DONE");

        RecordingReporter restoring = new RecordingReporter();
        DeployResult restored = driver.restore(archived, restoring);

        assertThat(restored.workload()).isEqualTo(running);
        assertThat(calls(scripts).subList(7, 9))
                .containsExactly(standardCall("unarchive", "1.0.0"), standardCall("check", "1.0.0"));
        assertThat(restoring.changes)
                .containsExactly("apply:RUNNING", "apply:DONE", "wait-ready:RUNNING", "wait-ready:DONE");

        RecordingReporter cleaning = new RecordingReporter();
        driver.cleanup(TARGET, archived, cleaning);

        assertThat(calls(scripts).getLast()).isEqualTo(standardCall("cleanup", "1.0.0"));
        assertThat(cleaning.changes).containsExactly("stop:SKIPPED", "delete:RUNNING", "delete:DONE");

        RecordingReporter nothing = new RecordingReporter();
        driver.cleanup(TARGET, null, nothing);
        assertThat(called(scripts)).hasSize(10);
        assertThat(nothing.changes).containsExactly("stop:SKIPPED", "delete:SKIPPED");
    }

    @Test
    void anArchiveWhoseCheckNeverPassesFails() {
        Workload running = driver.deploy(spec("1.0.0", Map.of("readyTimeout", "1s")), null, new RecordingReporter())
                .workload();
        write(scripts, "exit.archive_check", "1\n");

        assertThatThrownBy(() -> driver.archive(running, new RecordingReporter()))
                .isInstanceOfSatisfying(
                        DriverException.class, e -> assertThat(e.step()).isEqualTo(Steps.STOP))
                .hasMessageStartingWith(
                        "archive of shop/review-1 did not finish within 1s: archive_check still exits with 1");
    }

    @Test
    void aHookRunsAnExecutableOfTheScriptsDirectoryWithTheStandardArguments() {
        RecordingReporter steps = new RecordingReporter();

        driver.runHook(spec("1.0.0"), new Hook(Steps.PRE_DEPLOY, "migrate", Duration.ofSeconds(10)), steps);

        assertThat(calls(scripts)).containsExactly(standardCall("migrate", "1.0.0"));
        assertThat(steps.changes).containsExactly("pre-deploy:RUNNING", "pre-deploy:DONE");
        assertThat(steps.logs).contains("pre-deploy: [migrate] exited with 0");

        write(scripts, "exit.migrate", "3\n");
        assertThatThrownBy(() -> driver.runHook(
                        spec("1.0.0"), new Hook(Steps.PRE_DEPLOY, "migrate", Duration.ofSeconds(10)), steps))
                .isInstanceOfSatisfying(
                        DriverException.class, e -> assertThat(e.step()).isEqualTo(Steps.PRE_DEPLOY))
                .hasMessageStartingWith("hook migrate of shop/review-1 failed with exit code 3");

        write(scripts, "exit.migrate", "0\n");
        write(scripts, "hang.migrate", "");
        assertThatThrownBy(() -> driver.runHook(
                        spec("1.0.0"), new Hook(Steps.POST_DEPLOY, "migrate", Duration.ofSeconds(1)), steps))
                .isInstanceOfSatisfying(
                        DriverException.class, e -> assertThat(e.step()).isEqualTo(Steps.POST_DEPLOY))
                .hasMessageStartingWith("migrate of shop/review-1 did not finish within 1s and was killed with every"
                        + " process it started; give it more time with the hook's timeout");

        assertThatThrownBy(() -> driver.runHook(
                        spec("1.0.0"), new Hook(Steps.PRE_DEPLOY, "../escape", Duration.ofSeconds(1)), steps))
                .isInstanceOf(DriverException.class)
                .hasMessage("the pre-deploy hook '../escape' must name an executable inside driverSettings.scriptsDir "
                        + scripts + " (a relative path without ..)");
    }

    @Test
    void missingSettingsAndScriptsAreRefusedWithWhatToDo() throws IOException {
        Spec noDir = new Spec(TARGET, "1.0.0", null, "script", Map.of(), Map.of(), Map.of());
        assertThatThrownBy(() -> driver.deploy(noDir, null, new RecordingReporter()))
                .isInstanceOf(DriverException.class)
                .hasMessage("the script driver needs driverSettings.scriptsDir (the directory with the control"
                        + " scripts create, update, archive, unarchive, check, cleanup, archive_check, config_check,"
                        + " info); set it on application shop");

        Files.setPosixFilePermissions(scripts.resolve("info"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.delete(scripts.resolve("archive_check"));
        assertThatThrownBy(() -> driver.deploy(spec("1.0.0"), null, new RecordingReporter()))
                .isInstanceOf(DriverException.class)
                .hasMessage("driverSettings.scriptsDir " + scripts + " lacks the executable control scripts"
                        + " archive_check, info; add them (chmod +x) or point scriptsDir elsewhere");
        assertThat(called(scripts)).isEmpty();

        assertThatThrownBy(() -> driver.deploy(spec("1.0.0", Map.of("timeout", "soon")), null, new RecordingReporter()))
                .hasMessage("driverSettings.timeout 'soon' is not a positive duration; write e.g. 90s, 5m or PT5M");
    }

    @Test
    void aLongOutputIsLoggedUpToTheLimitWithItsEnd() {
        ScriptDriver terse = new ScriptDriver(new ScriptDriverProperties(
                Duration.ofSeconds(20), Duration.ofMillis(100), Duration.ofSeconds(10), 5, null));
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            lines.append("line ").append(i).append('\n');
        }
        write(scripts, "out.create", lines.toString());
        RecordingReporter steps = new RecordingReporter();

        terse.deploy(spec("1.0.0"), null, steps);

        List<String> create = steps.logs.stream()
                .filter(line -> line.startsWith("apply: [create"))
                .toList();
        assertThat(create)
                .contains("apply: [create] line 1", "apply: [create] line 30")
                .doesNotContain("apply: [create] line 15")
                .anyMatch(line -> line.matches(
                        "apply: \\[create] … \\d+ more lines not kept \\(output-lines = 5\\);" + " the last \\d+:"));
    }

    @Test
    void eachScriptsDirectoryIsATargetOfItsOwn() {
        assertThat(driver.cluster(spec("1.0.0"))).isEqualTo("script:" + scripts);
    }

    private Spec spec(String version) {
        return spec(version, Map.of());
    }

    private Spec spec(String version, Map<String, String> extraSettings) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "scriptsDir", scripts.toString(),
                "baseDomain", "example.com",
                "namespace", "shop-previews",
                "deploymentConfig.replicas", "2",
                "deploymentConfig.image.repository", "registry.example.com/shop"));
        settings.putAll(extraSettings);
        return new Spec(
                TARGET,
                version,
                null,
                "script",
                Map.of("LOG_LEVEL", "debug", "GREETING", "hello world"),
                Map.of("DB_PASSWORD", SECRET),
                settings);
    }

    /** What the documentation promises a script receives for {@link #spec}. */
    private static List<String> standardCall(String script, String version) {
        List<String> call = new ArrayList<>(List.of(
                script,
                "--project-name",
                "shop",
                "--base-domain",
                "example.com",
                "--namespace",
                "shop-previews",
                "--name",
                "review-1",
                "--tag",
                version,
                "--application-config",
                "GREETING=hello world",
                "--application-config",
                "LOG_LEVEL=debug",
                "--deployment-config",
                "image.repository=registry.example.com/shop",
                "--deployment-config",
                "replicas=2"));
        return call;
    }

    private Map<String, String> environment(String script) {
        try {
            Map<String, String> environment = new HashMap<>();
            for (String line : Files.readAllLines(scripts.resolve("env." + script))) {
                int equals = line.indexOf('=');
                if (equals > 0) {
                    environment.put(line.substring(0, equals), line.substring(equals + 1));
                }
            }
            return environment;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** A variable of this JVM's environment that scripts must not inherit, if there is one. */
    private static Optional<String> workerOnlyVariable() {
        List<String> shellSets = List.of("PWD", "OLDPWD", "SHLVL", "_");
        return System.getenv().keySet().stream()
                .filter(name -> !ScriptDriverProperties.DEFAULT_INHERITED.contains(name))
                .filter(name -> !shellSets.contains(name) && !name.startsWith("STAGECRAFT_"))
                .sorted()
                .findFirst();
    }
}
