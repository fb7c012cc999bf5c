package dev.stagecraft.deployer.driver.local;

import dev.stagecraft.deployer.driver.StepReporter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/** Remembers every report as {@code step:STATUS}; runs a hook on each report (a log line as {@code step:LOG}). */
final class RecordingReporter implements StepReporter {

    final List<String> changes = new CopyOnWriteArrayList<>();
    final List<String> messages = new CopyOnWriteArrayList<>();
    final List<String> logs = new CopyOnWriteArrayList<>();
    private final BiConsumer<String, String> hook;

    RecordingReporter() {
        this((change, message) -> {});
    }

    RecordingReporter(BiConsumer<String, String> hook) {
        this.hook = hook;
    }

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
        hook.accept(step + ":LOG", line);
    }

    private void record(String change, String message) {
        changes.add(change);
        messages.add(change + " " + message);
        hook.accept(change, message);
    }
}
