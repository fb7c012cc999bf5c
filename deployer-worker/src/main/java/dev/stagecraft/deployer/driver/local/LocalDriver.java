package dev.stagecraft.deployer.driver.local;

import dev.stagecraft.contracts.FailureReason;
import dev.stagecraft.deployer.driver.CheckResult;
import dev.stagecraft.deployer.driver.DeployResult;
import dev.stagecraft.deployer.driver.Driver;
import dev.stagecraft.deployer.driver.DriverException;
import dev.stagecraft.deployer.driver.Hook;
import dev.stagecraft.deployer.driver.Link;
import dev.stagecraft.deployer.driver.Spec;
import dev.stagecraft.deployer.driver.StepReporter;
import dev.stagecraft.deployer.driver.Steps;
import dev.stagecraft.deployer.driver.Target;
import dev.stagecraft.deployer.driver.Workload;
import dev.stagecraft.deployer.driver.local.HealthProbe.Answer;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Runs an application as OS processes on the worker's machine (DESIGN §5, {@code local}). An update starts
 * the new version on a new port next to the old one, waits until it is healthy and only then stops the old
 * one: no gap, and never two versions left running. A deployment of the spec that already runs healthy
 * changes nothing. Processes outlive the worker; the worker records their pid, start instant and port. A
 * version being started is recorded in the environment's directory ({@link Candidate}) before its health
 * check, so that it is stopped, not left running next to the old one, if the worker dies meanwhile.
 */
@Component
public class LocalDriver implements Driver {

    public static final String NAME = "local";

    private final LocalDriverProperties properties;
    private final LocalWorkspace workspace;
    private final Readiness readiness;
    private final Candidates candidates;
    private final LocalHooks hooks;

    public LocalDriver(LocalDriverProperties properties) {
        this.properties = properties;
        this.workspace = new LocalWorkspace(properties);
        this.readiness = new Readiness(properties);
        this.candidates = new Candidates(workspace, properties.stopGrace());
        this.hooks = new LocalHooks(workspace, properties);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DeployResult deploy(Spec desired, @Nullable Workload current, StepReporter steps) {
        LocalSettings settings = LocalSettings.of(desired, properties);
        recover(desired.target(), current);
        if (current != null && current.spec().equals(desired)) {
            Optional<Answer> serving = serving(current, settings);
            if (serving.isPresent()) {
                return keep(current, serving.get(), steps);
            }
        }
        Workload started = start(desired, settings, steps);
        replace(current, started, steps);
        return DeployResult.changed(started);
    }

    /** Runs {@code hook.command()} through the shell in the environment's directory ({@link LocalHooks}). */
    @Override
    public void runHook(Spec desired, Hook hook, StepReporter steps) {
        hooks.run(desired, hook, steps);
    }

    @Override
    public Workload archive(Workload current, StepReporter steps) {
        recover(current.spec().target(), current);
        stop(current, Steps.STOP, steps);
        return current.stopped();
    }

    @Override
    public void cleanup(Target target, @Nullable Workload current, StepReporter steps) {
        recover(target, current);
        if (current != null) {
            stop(current, Steps.STOP, steps);
        } else {
            steps.skipped(Steps.STOP, "nothing was deployed");
        }
        steps.running(Steps.DELETE, "deleting " + workspace.directory(target));
        try {
            workspace.delete(target);
        } catch (UncheckedIOException e) {
            throw new DriverException(Steps.DELETE, e.getMessage(), e);
        }
        steps.done(Steps.DELETE, "deleted " + workspace.directory(target));
    }

    /** Stops the version a deployment cut short was starting ({@link Candidate}) unless it became current. */
    @Override
    public void recover(Target target, @Nullable Workload current) {
        candidates.recover(target, current);
    }

    @Override
    public CheckResult check(Workload current) {
        if (current.pid() == null || current.port() == null) {
            return CheckResult.failed(FailureReason.GENERIC, null, "nothing runs (archived or never started)");
        }
        if (LocalProcesses.alive(current.pid(), current.started()).isEmpty()) {
            return CheckResult.failed(FailureReason.GENERIC, null, "process " + current.pid() + " is gone");
        }
        Answer answer = HealthProbe.probe(HealthProbe.uri(current.port(), healthPath(current.spec())));
        if (!answer.healthy()) {
            return CheckResult.failed(FailureReason.GENERIC, answer.version(), answer.summary());
        }
        if (answer.reportsOtherVersion(current.spec().version())) {
            return CheckResult.failed(FailureReason.VERSION_MISMATCH, answer.version(), answer.summary());
        }
        return CheckResult.healthy(
                answer.version() != null ? answer.version() : current.spec().version(), answer.summary());
    }

    @Override
    public List<Link> info(Workload current) {
        if (current.port() == null) {
            return List.of();
        }
        return List.of(
                new Link("application", "http://127.0.0.1:" + current.port() + "/"),
                new Link(
                        "health",
                        HealthProbe.uri(current.port(), healthPath(current.spec()))
                                .toString()));
    }

    private Optional<Answer> serving(Workload current, LocalSettings settings) {
        if (current.pid() == null
                || current.port() == null
                || LocalProcesses.alive(current.pid(), current.started()).isEmpty()) {
            return Optional.empty();
        }
        Answer answer = HealthProbe.probe(HealthProbe.uri(current.port(), settings.healthPath()));
        return answer.healthy() && !answer.reportsOtherVersion(current.spec().version())
                ? Optional.of(answer)
                : Optional.empty();
    }

    private DeployResult keep(Workload current, Answer answer, StepReporter steps) {
        steps.skipped(
                Steps.APPLY,
                "version " + current.spec().version() + " already runs with this spec (pid " + current.pid() + ", port "
                        + current.port() + "); nothing to change");
        steps.done(Steps.WAIT_READY, "healthy: " + answer.summary());
        steps.skipped(Steps.SWITCH, "nothing to switch");
        return DeployResult.unchanged(current);
    }

    private Workload start(Spec desired, LocalSettings settings, StepReporter steps) {
        int port = LocalProcesses.freePort();
        Path log = workspace.logFile(desired.target(), port);
        steps.running(Steps.APPLY, "starting " + desired.version() + " on port " + port + ": " + settings.command());
        Path directory;
        Process process;
        try {
            directory = workspace.prepare(desired.target());
            process = LocalProcesses.start(settings.command(), directory, workspace.environment(desired, port), log);
        } catch (UncheckedIOException e) {
            throw new DriverException(Steps.APPLY, e.getMessage(), e);
        }
        Instant started = candidates.record(desired.target(), process, port);
        steps.done(
                Steps.APPLY,
                "started " + desired.version() + " as pid " + process.pid() + " on port " + port + " in " + directory);
        try {
            readiness.await(
                    process,
                    desired.version(),
                    HealthProbe.uri(port, settings.healthPath()),
                    settings.readyTimeout(),
                    log,
                    steps);
        } catch (RuntimeException e) {
            candidates.discard(desired.target(), process);
            throw e;
        }
        return new Workload(desired, process.pid(), started, port, directory.toString());
    }

    private void replace(@Nullable Workload current, Workload started, StepReporter steps) {
        if (current == null || current.pid() == null) {
            steps.skipped(
                    Steps.SWITCH,
                    "no earlier version runs; " + started.spec().version() + " serves on port " + started.port());
            return;
        }
        stop(current, Steps.SWITCH, steps);
    }

    private void stop(Workload current, String step, StepReporter steps) {
        String what = "version " + current.spec().version() + " (pid " + current.pid() + ")";
        if (current.pid() == null) {
            steps.skipped(step, "nothing runs");
            return;
        }
        steps.running(step, "stopping " + what);
        boolean wasRunning = LocalProcesses.stop(current.pid(), current.started(), properties.stopGrace());
        if (current.port() != null) {
            workspace.deleteLog(current.spec().target(), current.port());
        }
        steps.done(step, wasRunning ? "stopped " + what : what + " was no longer running");
    }

    private static String healthPath(Spec spec) {
        String path = spec.setting("healthPath", "/health");
        return path.startsWith("/") ? path : "/" + path;
    }
}
