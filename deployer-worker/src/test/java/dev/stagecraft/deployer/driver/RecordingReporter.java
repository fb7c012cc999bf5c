package dev.stagecraft.deployer.driver;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * Remembers every report: changes as {@code step:STATUS}, messages with their change, log lines as
 * {@code step: line}; runs a hook on each report (a log line as {@code step:LOG}).
 */
public final class RecordingReporter implements StepReporter {

    public final List<String> changes = new CopyOnWriteArrayList<>();
    public final List<String> messages = new CopyOnWriteArrayList<>();
    public final List<String> logs = new CopyOnWriteArrayList<>();
    private final BiConsumer<String, String> hook;

    public RecordingReporter() {
        this((change, message) -> {});
    }

    public RecordingReporter(BiConsumer<String, String> hook) {
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

    /** Everything reported: messages and log lines. */
    public List<String> everything() {
        return Stream.concat(messages.stream(), logs.stream()).toList();
    }

    private void record(String change, String message) {
        changes.add(change);
        messages.add(change + " " + message);
        hook.accept(change, message);
    }
}
