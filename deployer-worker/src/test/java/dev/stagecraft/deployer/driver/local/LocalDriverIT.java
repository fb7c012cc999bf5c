package dev.stagecraft.deployer.driver.local;

import static dev.stagecraft.deployer.TestApps.alive;
import static dev.stagecraft.deployer.TestApps.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.contracts.FailureReason;
import dev.stagecraft.deployer.TestApps;
import dev.stagecraft.deployer.driver.DeployResult;
import dev.stagecraft.deployer.driver.DriverException;
import dev.stagecraft.deployer.driver.RecordingReporter;
import dev.stagecraft.deployer.driver.Spec;
import dev.stagecraft.deployer.driver.Steps;
import dev.stagecraft.deployer.driver.Target;
import dev.stagecraft.deployer.driver.Workload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local driver against real processes of the test app (no Spring, no broker). */
class LocalDriverIT {

    @TempDir
    static Path workDir;

    static LocalDriver driver;

    @BeforeAll
    static void driver() {
        driver = new LocalDriver(LocalDriverProperties.defaults(workDir).withReadyTimeout(Duration.ofSeconds(60)));
    }

    @AfterAll
    static void killTestProcesses() {
        TestApps.killAll();
    }

    @Test
    void deploysUpdatesWithoutGapKeepsTheSameSpecAndSurvivesAFailedUpdate() throws Exception {
        Target target = new Target("shop", "review-1");
        DeployResult first =
                driver.deploy(spec(target, "1.0.0", Map.of("GREETING", "hello")), null, new RecordingReporter());
        Workload v1 = first.workload();

        assertThat(first.changed()).isTrue();
        assertThat(get(v1.port(), "/")).isEqualTo("hello");
        assertThat(get(v1.port(), "/env/STAGECRAFT_APP")).isEqualTo("shop");
        assertThat(get(v1.port(), "/env/STAGECRAFT_ENVIRONMENT")).isEqualTo("review-1");
        assertThat(get(v1.port(), "/env/STAGECRAFT_VERSION")).isEqualTo("1.0.0");
        assertThat(get(v1.port(), "/env/PORT")).isEqualTo(Integer.toString(v1.port()));
        assertThat(get(v1.port(), "/env/DB_PASSWORD")).isEqualTo("s3cret");
        assertThat(Path.of(get(v1.port(), "/cwd"))).isEqualTo(workDir.resolve("shop/review-1"));
        workerOnlyVariable()
                .ifPresent(name ->
                        assertThat(get(v1.port(), "/env/" + name)).as(name).isEqualTo("status:404"));

        Workload v2 = updateWithoutGap(v1, spec(target, "2.0.0", Map.of("GREETING", "hi")));

        RecordingReporter again = new RecordingReporter();
        DeployResult same = driver.deploy(spec(target, "2.0.0", Map.of("GREETING", "hi")), v2, again);
        assertThat(same.changed()).isFalse();
        assertThat(same.workload()).isEqualTo(v2);
        assertThat(again.changes).containsExactly("apply:SKIPPED", "wait-ready:DONE", "switch:SKIPPED");

        failedUpdateKeepsTheOldVersion(v2, spec(target, "3.0.0", Map.of("FAIL_HEALTH", "true", "readyTimeout", "8s")));

        RecordingReporter cleanup = new RecordingReporter();
        driver.cleanup(target, v2, cleanup);
        assertThat(alive(v2.pid())).isFalse();
        assertThat(workDir.resolve("shop/review-1")).doesNotExist();
        assertThat(cleanup.changes).containsExactly("stop:RUNNING", "stop:DONE", "delete:RUNNING", "delete:DONE");
    }

    private Workload updateWithoutGap(Workload v1, Spec desired) throws Exception {
        List<ProcessHandle> v1Tree = tree(v1.pid());
        AtomicBoolean v1ServedWhenV2WasReady = new AtomicBoolean();
        HealthWatch watch = HealthWatch.start(v1.port());
        RecordingReporter steps = new RecordingReporter((change, message) -> {
            if (change.equals("wait-ready:DONE")) {
                v1ServedWhenV2WasReady.set(get(v1.port(), "/health").contains("\"1.0.0\""));
            }
            if (change.equals("switch:RUNNING")) {
                watch.stop();
            }
        });

        DeployResult update = driver.deploy(desired, v1, steps);
        Workload v2 = update.workload();

        assertThat(update.changed()).isTrue();
        assertThat(v2.port()).isNotEqualTo(v1.port());
        assertThat(get(v2.port(), "/")).isEqualTo("hi");
        assertThat(steps.changes)
                .containsExactly(
                        "apply:RUNNING",
                        "apply:DONE",
                        "wait-ready:RUNNING",
                        "wait-ready:DONE",
                        "switch:RUNNING",
                        "switch:DONE");
        assertThat(v1ServedWhenV2WasReady)
                .as("v1 still served when v2 was ready")
                .isTrue();
        assertThat(watch.probes()).as("v1 was probed during the update").isPositive();
        assertThat(watch.failures())
                .as("v1 answered every probe until the switch began")
                .isEmpty();
        assertThat(v1Tree).allSatisfy(process -> assertThat(process.isAlive()).isFalse());
        assertThat(steps.logs).anySatisfy(line -> assertThat(line).contains("[output] TestApp 2.0.0 listening"));
        return v2;
    }

    private void failedUpdateKeepsTheOldVersion(Workload v2, Spec broken) {
        AtomicReference<String> started = new AtomicReference<>();
        RecordingReporter steps = new RecordingReporter((change, message) -> {
            if (change.equals("apply:DONE")) {
                started.set(message);
            }
        });

        assertThatThrownBy(() -> driver.deploy(broken, v2, steps)).isInstanceOfSatisfying(DriverException.class, e -> {
            assertThat(e.step()).isEqualTo(Steps.WAIT_READY);
            assertThat(e.reason()).isEqualTo(FailureReason.GENERIC);
            assertThat(e.getMessage()).startsWith("version 3.0.0 did not become healthy within 8s");
        });

        assertThat(get(v2.port(), "/health")).contains("\"2.0.0\"");
        assertThat(testApps().map(ProcessHandle::pid))
                .as("only v2 runs; 3.0.0 was stopped (%s)", started.get())
                .containsExactly(v2.pid());
    }

    @Test
    void aVersionMismatchFailsAndLeavesNothingRunning() {
        Target target = new Target("shop", "mismatch");
        Spec spec = spec(target, "1.0.0", Map.of("REPORTED_VERSION", "9.9.9"));

        assertThatThrownBy(() -> driver.deploy(spec, null, new RecordingReporter()))
                .isInstanceOfSatisfying(DriverException.class, e -> {
                    assertThat(e.reason()).isEqualTo(FailureReason.VERSION_MISMATCH);
                    assertThat(e.getMessage()).contains("reports version '9.9.9' but '1.0.0' was deployed");
                });
        assertThat(testApps()).isEmpty();
    }

    @Test
    void aProcessThatExitsEarlyFailsWithItsExitCodeAndItsOutputGoesToTheStepLogOnly() {
        Spec spec = spec(new Target("shop", "early-exit"), "1.0.0", Map.of("EXIT_EARLY", "true"));
        RecordingReporter steps = new RecordingReporter();

        assertThatThrownBy(() -> driver.deploy(spec, null, steps))
                .isInstanceOf(DriverException.class)
                .hasMessageContaining("exited with code 3 before it became healthy")
                .hasMessageContaining("lines of output are in the log of step wait-ready")
                .message()
                .doesNotContain("boom");
        assertThat(steps.logs).contains("wait-ready: [output] boom: EXIT_EARLY is set");
    }

    @Test
    void aVersionWhoseStartWasCutShortIsStoppedOnRecoveryOrByTheNextDeployWhileTheCurrentOneRuns() {
        Target target = new Target("shop", "cut-short");
        Workload v1 = driver.deploy(spec(target, "1.0.0", Map.of()), null, new RecordingReporter())
                .workload();

        List<ProcessHandle> leftover = startAndDie(spec(target, "2.0.0", Map.of("STARTUP_DELAY_MS", "60000")), v1);
        restartedWorker().recover(target, v1);
        assertThat(leftover).allSatisfy(process -> assertThat(process.isAlive()).isFalse());
        assertThat(get(v1.port(), "/health")).contains("\"1.0.0\"");
        assertThat(candidateFile(target)).doesNotExist();

        leftover = startAndDie(spec(target, "2.0.0", Map.of("STARTUP_DELAY_MS", "60000")), v1);
        Workload v3 = restartedWorker()
                .deploy(spec(target, "3.0.0", Map.of()), v1, new RecordingReporter())
                .workload();
        assertThat(leftover).allSatisfy(process -> assertThat(process.isAlive()).isFalse());
        assertThat(get(v3.port(), "/health")).contains("\"3.0.0\"");
        assertThat(alive(v1.pid())).isFalse();

        driver.cleanup(target, v3, new RecordingReporter());
        assertThat(testApps()).isEmpty();
    }

    /**
     * Deploys {@code desired} over {@code current} and lets the worker "die" at the first health probe: no code
     * of the driver runs after that, as after a kill. Returns the process tree of the version left starting.
     */
    private List<ProcessHandle> startAndDie(Spec desired, Workload current) {
        RecordingReporter dying = new RecordingReporter((change, message) -> {
            if (change.equals("wait-ready:LOG")) {
                throw new WorkerDied();
            }
        });
        assertThatThrownBy(() -> driver.deploy(desired, current, dying)).isInstanceOf(WorkerDied.class);

        Candidate candidate = Candidate.read(candidateFile(desired.target())).orElseThrow();
        assertThat(alive(candidate.pid()))
                .as("the version being started outlived the worker")
                .isTrue();
        assertThat(alive(current.pid())).isTrue();
        return tree(candidate.pid());
    }

    /** Stops a deployment dead, as if the worker were killed; an Error, so that no cleanup code catches it. */
    private static final class WorkerDied extends Error {}

    private static LocalDriver restartedWorker() {
        return new LocalDriver(LocalDriverProperties.defaults(workDir));
    }

    private static Path candidateFile(Target target) {
        return workDir.resolve(target.app()).resolve(target.environment()).resolve(".stagecraft/candidate");
    }

    @Test
    void aMissingCommandIsRefusedWithWhatToSet() {
        Spec spec = new Spec(new Target("shop", "no-command"), "1.0.0", null, "local", Map.of(), Map.of(), Map.of());

        assertThatThrownBy(() -> driver.deploy(spec, null, new RecordingReporter()))
                .isInstanceOf(DriverException.class)
                .hasMessageContaining("driverSettings.command");
    }

    @Test
    void archiveStopsAndKeepsTheDirectoryRestoreStartsTheLastSpec() throws Exception {
        Target target = new Target("shop", "archived");
        Workload running = driver.deploy(spec(target, "1.0.0", Map.of()), null, new RecordingReporter())
                .workload();
        Path data = Files.writeString(workDir.resolve("shop/archived/data.txt"), "kept");

        Workload archived = driver.archive(running, new RecordingReporter());
        assertThat(alive(running.pid())).isFalse();
        assertThat(archived.pid()).isNull();
        assertThat(data).hasContent("kept");
        assertThat(driver.check(archived).isHealthy()).isFalse();

        Workload restored = driver.restore(archived, new RecordingReporter()).workload();
        assertThat(get(restored.port(), "/health")).contains("\"1.0.0\"");
        assertThat(driver.check(restored).isHealthy()).isTrue();
        assertThat(driver.info(restored)).isNotEmpty();

        driver.cleanup(target, restored, new RecordingReporter());
        assertThat(alive(restored.pid())).isFalse();
        assertThat(workDir.resolve("shop/archived")).doesNotExist();
    }

    /** Probes a health URL every 50 ms in the background and remembers what was not a 200. */
    private static final class HealthWatch {

        private final List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final java.util.concurrent.atomic.AtomicInteger probes =
                new java.util.concurrent.atomic.AtomicInteger();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        private HealthWatch(int port) {
            thread = Thread.ofPlatform().daemon().start(() -> {
                while (running.get()) {
                    String answer = get(port, "/health");
                    if (running.get()) {
                        probes.incrementAndGet();
                        if (!answer.contains("\"version\"")) {
                            failures.add(answer);
                        }
                    }
                    pause();
                }
            });
        }

        static HealthWatch start(int port) {
            return new HealthWatch(port);
        }

        void stop() {
            running.set(false);
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        int probes() {
            return probes.get();
        }

        List<String> failures() {
            return failures;
        }

        private static void pause() {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Spec spec(Target target, String version, Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(Map.of("command", TestApps.command(), "healthPath", "/health"));
        Map<String, String> config = new HashMap<>(overrides);
        if (config.containsKey("readyTimeout")) {
            settings.put("readyTimeout", config.remove("readyTimeout"));
        }
        return new Spec(target, version, null, "local", config, Map.of("DB_PASSWORD", "s3cret"), settings);
    }

    /** A variable of this JVM's environment that processes must not inherit, if there is one. */
    private static java.util.Optional<String> workerOnlyVariable() {
        List<String> shellSets = List.of("PWD", "OLDPWD", "SHLVL", "_");
        return System.getenv().keySet().stream()
                .filter(name -> !LocalDriverProperties.DEFAULT_INHERITED.contains(name))
                .filter(name -> !shellSets.contains(name) && !name.startsWith("STAGECRAFT_"))
                .sorted()
                .findFirst();
    }

    private static List<ProcessHandle> tree(long pid) {
        ProcessHandle root = ProcessHandle.of(pid).orElseThrow();
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(root), root.descendants())
                .toList();
    }

    /** The test apps this JVM started (other tests of the JVM may leave children of their own). */
    private static java.util.stream.Stream<ProcessHandle> testApps() {
        return ProcessHandle.current()
                .children()
                .filter(process -> process.info().commandLine().orElse("").contains("TestApp"));
    }
}
