package dev.stagecraft.deployer.driver.script;

import dev.stagecraft.deployer.driver.StepReporter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers every report: changes as {@code step:STATUS}, messages with their change, log lines as {@code step: line}. */
final class RecordingReporter implements StepReporter {

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

    private void record(String change, String message) {
        changes.add(change);
        messages.add(change + " " + message);
    }
}
