package dev.stagecraft.deployer.driver.local;

import dev.stagecraft.contracts.FailureReason;
import dev.stagecraft.deployer.driver.DriverException;
import dev.stagecraft.deployer.driver.StepReporter;
import dev.stagecraft.deployer.driver.Steps;
import dev.stagecraft.deployer.driver.local.HealthProbe.Answer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Waits until a freshly started process answers its health URL with 2xx (the {@code wait-ready} step); fails
 * when it reports another version, exits early, or does not get healthy in time. What the process printed and
 * the bodies of its health answers go to the step log only; step messages and errors, which are published,
 * say where to find them.
 */
final class Readiness {

    private final LocalDriverProperties properties;

    Readiness(LocalDriverProperties properties) {
        this.properties = properties;
    }

    /** Blocks until {@code process} is healthy; throws {@link DriverException} (step wait-ready) if it is not. */
    Answer await(Process process, String version, URI uri, Duration timeout, Path log, StepReporter steps) {
        steps.running(Steps.WAIT_READY, "waiting up to " + timeout.toSeconds() + "s for " + uri + " to answer 2xx");
        long started = System.nanoTime();
        String previous = "";
        while (true) {
            if (!process.isAlive()) {
                throw exitedEarly(process, version, log, steps);
            }
            Answer answer = HealthProbe.probe(uri);
            previous = logIfNew(answer, previous, steps);
            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            if (answer.healthy()) {
                return accept(answer, version, log, steps, waited);
            }
            if (waited.compareTo(timeout) > 0) {
                throw timedOut(answer, version, timeout, log, steps);
            }
            pause();
        }
    }

    /** Logs a probe's answer unless it is the same as the one before (no flood of "connection refused"). */
    private static String logIfNew(Answer answer, String previous, StepReporter steps) {
        String described = answer.describe();
        if (!described.equals(previous)) {
            steps.log(Steps.WAIT_READY, described);
        }
        return described;
    }

    private DriverException timedOut(Answer last, String version, Duration timeout, Path log, StepReporter steps) {
        return failure(
                FailureReason.GENERIC,
                "version " + version + " did not become healthy within " + timeout.toSeconds() + "s; last probe: "
                        + last.summary(),
                log,
                steps);
    }

    private Answer accept(Answer answer, String version, Path log, StepReporter steps, Duration took) {
        if (answer.reportsOtherVersion(version)) {
            throw failure(
                    FailureReason.VERSION_MISMATCH,
                    "version mismatch: " + answer.uri() + " reports version '" + answer.version() + "' but '" + version
                            + "' was deployed; check the command and the artifact it runs",
                    log,
                    steps);
        }
        copyOutput(log, steps);
        steps.done(Steps.WAIT_READY, "healthy after " + took.toMillis() + " ms: " + answer.summary());
        return answer;
    }

    private DriverException exitedEarly(Process process, String version, Path log, StepReporter steps) {
        int code = waitForExitCode(process);
        return failure(
                FailureReason.GENERIC,
                "the process of version " + version + " exited with code " + code + " before it became healthy",
                log,
                steps);
    }

    private DriverException failure(FailureReason reason, String message, Path log, StepReporter steps) {
        List<String> output = copyOutput(log, steps);
        String where = output.isEmpty()
                ? "; it printed nothing"
                : "; its last " + output.size() + " lines of output are in the log of step " + Steps.WAIT_READY;
        return new DriverException(Steps.WAIT_READY, reason, message + where);
    }

    private List<String> copyOutput(Path log, StepReporter steps) {
        List<String> output = LocalProcesses.tail(log, properties.logTailLines());
        output.forEach(line -> steps.log(Steps.WAIT_READY, "[output] " + line));
        return output;
    }

    private static int waitForExitCode(Process process) {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void pause() {
        try {
            Thread.sleep(properties.probeInterval());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriverException(Steps.WAIT_READY, FailureReason.GENERIC, "interrupted while waiting");
        }
    }
}
