package dev.stagecraft.deployer.driver.kubernetes;

import dev.stagecraft.deployer.driver.StepReporter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** Remembers every step report as {@code step:STATUS}, with its message, and every log line. */
final class Recorder implements StepReporter {

    final List<String> changes = new CopyOnWriteArrayList<>();
    final List<String> messages = new CopyOnWriteArrayList<>();
    final List<String> logs = new CopyOnWriteArrayList<>();

    @Override
    public void running(String step, String message) {
        record(step + ":RUNNING", message);
    }

    @Override
    public void done(String step, String message) {
        record(step + ":DONE", message);
    }

    @Override
    public void skipped(String step, String message) {
        record(step + ":SKIPPED", message);
    }

    @Override
    public void log(String step, String line) {
        logs.add(step + ": " + line);
    }

    /** Everything reported: messages and log lines. */
    List<String> everything() {
        return Stream.concat(messages.stream(), logs.stream()).toList();
    }

    private void record(String change, String message) {
        changes.add(change);
        messages.add(change + " " + message);
    }
}
