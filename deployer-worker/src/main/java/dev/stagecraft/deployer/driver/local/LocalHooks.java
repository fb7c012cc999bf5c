package dev.stagecraft.deployer.driver.local;

import dev.stagecraft.contracts.FailureReason;
import dev.stagecraft.deployer.driver.DriverException;
import dev.stagecraft.deployer.driver.Hook;
import dev.stagecraft.deployer.driver.Spec;
import dev.stagecraft.deployer.driver.StepReporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a plan hook of the {@code local} driver: {@code hook.command()} through the shell in the environment's
 * working directory, with the configuration the application gets (overrides, secrets, {@code STAGECRAFT_*};
 * no {@code PORT}), in a session of its own so that a hook that outlives its timeout is stopped with every
 * process it started. Its output goes to the step's log.
 */
final class LocalHooks {

    private final LocalWorkspace workspace;
    private final LocalDriverProperties properties;

    LocalHooks(LocalWorkspace workspace, LocalDriverProperties properties) {
        this.workspace = workspace;
        this.properties = properties;
    }

    void run(Spec desired, Hook hook, StepReporter steps) {
        Path directory = workspace.prepare(desired.target());
        Path log = directory.resolve(".stagecraft").resolve(hook.step() + ".log");
        Process process;
        try {
            Files.createDirectories(log.getParent());
            Files.deleteIfExists(log);
            var environment = workspace.environment(desired, 0);
            environment.remove("PORT");
            process = LocalProcesses.start(hook.command(), directory, environment, log);
        } catch (IOException | UncheckedIOException e) {
            throw new DriverException(hook.step(), "cannot start the " + hook.step() + " hook: " + e.getMessage(), e);
        }
        boolean finished = await(process, hook);
        List<String> output = LocalProcesses.tail(log, properties.logTailLines());
        output.forEach(line -> steps.log(hook.step(), line));
        if (!finished) {
            LocalProcesses.stop(process.toHandle(), properties.stopGrace());
            throw new DriverException(
                    hook.step(),
                    FailureReason.GENERIC,
                    "the " + hook.step() + " hook `" + hook.command() + "` did not finish within " + hook.timeout()
                            + " and was stopped" + lastLines(output));
        }
        if (process.exitValue() != 0) {
            throw new DriverException(
                    hook.step(),
                    FailureReason.GENERIC,
                    "the " + hook.step() + " hook `" + hook.command() + "` exited with " + process.exitValue()
                            + lastLines(output));
        }
    }

    private static boolean await(Process process, Hook hook) {
        try {
            return process.waitFor(hook.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LocalProcesses.stop(process.toHandle(), java.time.Duration.ofSeconds(1));
            throw new DriverException(
                    hook.step(), FailureReason.GENERIC, "the " + hook.step() + " hook was interrupted");
        }
    }

    private static String lastLines(List<String> output) {
        if (output.isEmpty()) {
            return "";
        }
        return "; last output: " + String.join(" | ", output.subList(Math.max(0, output.size() - 5), output.size()));
    }
}
