package dev.stagecraft.deployer.driver.local;

import dev.stagecraft.deployer.driver.DriverException;
import dev.stagecraft.deployer.driver.Steps;
import dev.stagecraft.deployer.driver.Target;
import dev.stagecraft.deployer.driver.Workload;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The version being started in each environment ({@link Candidate}): recorded before its health check, stopped
 * when its start fails, and found again and stopped by {@link #recover} if it never became current because the
 * worker died.
 */
final class Candidates {

    private static final Logger log = LoggerFactory.getLogger(Candidates.class);

    private final LocalWorkspace workspace;
    private final Duration stopGrace;

    Candidates(LocalWorkspace workspace, Duration stopGrace) {
        this.workspace = workspace;
        this.stopGrace = stopGrace;
    }

    /** Records a process just started; returns its start instant, or null if it has ended already. */
    @Nullable
    Instant record(Target target, Process process, int port) {
        Instant started = LocalProcesses.startInstant(process.toHandle()).orElse(null);
        if (started == null) {
            return null; // wait-ready reports how it ended
        }
        try {
            new Candidate(process.pid(), started, port).write(workspace.candidateFile(target));
        } catch (UncheckedIOException e) {
            LocalProcesses.stop(process.toHandle(), stopGrace);
            throw new DriverException(Steps.APPLY, "cannot record the new process: " + e.getMessage(), e);
        }
        return started;
    }

    /** The candidate did not get healthy: stops it and forgets it. */
    void discard(Target target, Process process) {
        LocalProcesses.stop(process.toHandle(), stopGrace);
        Candidate.forget(workspace.candidateFile(target));
    }

    /** Stops the recorded candidate unless it is {@code current}'s process (it became current), and forgets it. */
    void recover(Target target, @Nullable Workload current) {
        Path file = workspace.candidateFile(target);
        Candidate.read(file)
                .filter(candidate -> !candidate.isProcessOf(current))
                .ifPresent(candidate -> stopLeftover(target, candidate));
        Candidate.forget(file);
    }

    private void stopLeftover(Target target, Candidate candidate) {
        if (LocalProcesses.stop(candidate.pid(), candidate.started(), stopGrace)) {
            log.warn(
                    "{}: stopped pid {} (port {}), a version whose start was cut short and never became current",
                    target,
                    candidate.pid(),
                    candidate.port());
        }
    }
}
