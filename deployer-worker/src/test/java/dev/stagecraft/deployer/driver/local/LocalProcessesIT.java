package dev.stagecraft.deployer.driver.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.deployer.driver.CheckResult;
import dev.stagecraft.deployer.driver.RecordingReporter;
import dev.stagecraft.deployer.driver.Spec;
import dev.stagecraft.deployer.driver.Target;
import dev.stagecraft.deployer.driver.Workload;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A recorded pid is only ever taken for the process it was recorded for: pids are reused. */
class LocalProcessesIT {

    private static final Duration GRACE = Duration.ofSeconds(2);

    @TempDir
    Path workDir;

    @Test
    void aPidWhoseStartInstantDiffersIsTreatedAsGoneAndNeverSignalled() throws Exception {
        Process unrelated = new ProcessBuilder("sleep", "30").start();
        try {
            Instant started = unrelated.toHandle().info().startInstant().orElseThrow();
            Instant recorded = started.minus(Duration.ofMinutes(5)); // what ran under this pid before
            LocalDriver driver = new LocalDriver(LocalDriverProperties.defaults(workDir));
            Workload stale = workload(unrelated.pid(), recorded);

            assertThat(LocalProcesses.alive(unrelated.pid(), recorded)).isEmpty();
            assertThat(LocalProcesses.stop(unrelated.pid(), recorded, GRACE)).isFalse();
            CheckResult check = driver.check(stale);
            RecordingReporter archive = new RecordingReporter();
            driver.archive(stale, archive);

            assertThat(check.isHealthy()).isFalse();
            assertThat(check.message()).isEqualTo("process " + unrelated.pid() + " is gone");
            assertThat(archive.messages)
                    .contains("stop:DONE version 1.0.0 (pid " + unrelated.pid() + ") was no longer running");
            assertThat(unrelated.isAlive())
                    .as("the unrelated process was not signalled")
                    .isTrue();

            assertThat(LocalProcesses.alive(unrelated.pid(), started)).isPresent();
            assertThat(LocalProcesses.stop(unrelated.pid(), started, GRACE)).isTrue();
            assertThat(unrelated.waitFor()).isNotZero();
        } finally {
            unrelated.destroyForcibly();
        }
    }

    private Workload workload(long pid, Instant started) {
        Spec spec = new Spec(
                new Target("shop", "reused-pid"),
                "1.0.0",
                null,
                "local",
                Map.of(),
                Map.of(),
                Map.of("command", "true"));
        return new Workload(spec, pid, started, 1, workDir.toString());
    }
}
