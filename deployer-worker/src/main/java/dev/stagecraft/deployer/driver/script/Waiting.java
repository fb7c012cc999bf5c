package dev.stagecraft.deployer.driver.script;

import dev.stagecraft.contracts.FailureReason;
import dev.stagecraft.deployer.driver.CheckResult;
import dev.stagecraft.deployer.driver.DriverException;
import dev.stagecraft.deployer.driver.StepReporter;
import dev.stagecraft.deployer.driver.Steps;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Calls {@code check} (after create, update, unarchive) or {@code archive_check} (after archive) every
 * {@code check-interval} until it exits with 0, for at most the ready timeout. A call's output goes to the step
 * log only when it differs from the call before, so that a long wait does not flood the log.
 */
final class Waiting {

    private final Duration interval;

    Waiting(Duration interval) {
        this.interval = interval;
    }

    /** Waits at {@link Steps#WAIT_READY} until {@code check} passes; fails with the last check's reason. */
    CheckResult untilHealthy(ControlScripts scripts, StepReporter steps) {
        Duration timeout = scripts.settings().readyTimeout();
        String version = scripts.spec().version();
        steps.running(Steps.WAIT_READY, "waiting up to " + ScriptSettings.text(timeout) + " for check to pass");
        Poll<CheckResult> poll = new Poll<>(Steps.WAIT_READY, steps);
        long started = System.nanoTime();
        while (true) {
            CheckResult check = poll.next(log -> Checks.of(
                    scripts.call("check", Steps.WAIT_READY, log), scripts.spec().target()));
            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            if (check.isHealthy()) {
                steps.done(Steps.WAIT_READY, "ready after " + waited.toMillis() + " ms: " + check.message());
                return check;
            }
            if (waited.compareTo(timeout) >= 0) {
                throw new DriverException(
                        Steps.WAIT_READY,
                        check.failure() != null ? check.failure() : FailureReason.GENERIC,
                        "version " + version + " did not pass check within " + ScriptSettings.text(timeout) + "; last "
                                + check.message());
            }
            pause(Steps.WAIT_READY);
        }
    }

    /** Waits at {@link Steps#STOP} until {@code archive_check} exits with 0. */
    ScriptResult untilArchived(ControlScripts scripts, StepReporter steps) {
        Duration timeout = scripts.settings().readyTimeout();
        Poll<ScriptResult> poll = new Poll<>(Steps.STOP, steps);
        long started = System.nanoTime();
        while (true) {
            ScriptResult check = poll.next(log -> scripts.call("archive_check", Steps.STOP, log));
            if (check.succeeded()) {
                return check;
            }
            if (Duration.ofNanos(System.nanoTime() - started).compareTo(timeout) >= 0) {
                throw new DriverException(
                        Steps.STOP,
                        FailureReason.GENERIC,
                        "archive of " + scripts.spec().target() + " did not finish within "
                                + ScriptSettings.text(timeout) + ": archive_check still exits with " + check.exitCode()
                                + check.lastOutput());
            }
            pause(Steps.STOP);
        }
    }

    /** Repeated calls of one script at one step, each call's output logged only if it is new. */
    private static final class Poll<T> {

        private final String step;
        private final StepReporter steps;
        private List<String> previous = List.of();

        Poll(String step, StepReporter steps) {
            this.step = step;
            this.steps = steps;
        }

        T next(Function<Consumer<String>, T> call) {
            List<String> lines = Collections.synchronizedList(new ArrayList<>());
            try {
                return call.apply(lines::add);
            } finally {
                List<String> output = List.copyOf(lines);
                if (!output.equals(previous)) {
                    output.forEach(line -> steps.log(step, line));
                    previous = output;
                }
            }
        }
    }

    private void pause(String step) {
        try {
            Thread.sleep(interval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriverException(step, FailureReason.GENERIC, "interrupted while waiting: the worker is stopping");
        }
    }
}
