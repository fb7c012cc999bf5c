package dev.stagecraft.deployer.driver.script;

import dev.stagecraft.deployer.secret.Redactor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * The output of one call, as its two reader threads deliver it line by line: every line has the spec's secret
 * values masked before anything else sees it, goes to the step log as {@code [create] line} (stderr:
 * {@code [create!] line}) up to {@code limit} lines, and the last {@value #TAIL} lines are kept for messages.
 * Lines past the limit are counted; at the end the count and the last of them are logged, so that the log
 * shows the beginning and the end of a long output.
 */
final class ScriptOutput {

    static final int TAIL = 10;
    private static final int MAX_LINE = 2000;

    private record Line(String logged, String text, boolean wasLogged) {}

    private final String name;
    private final int limit;
    private final Redactor redactor;
    private final Consumer<String> log;
    private final List<String> stdout = new ArrayList<>();
    private final Deque<Line> tail = new ArrayDeque<>();
    private int logged;
    private int omitted;
    private boolean finished;

    ScriptOutput(String name, int limit, Redactor redactor, Consumer<String> log) {
        this.name = name;
        this.limit = limit;
        this.redactor = redactor;
        this.log = log;
    }

    synchronized void stdout(String raw) {
        if (finished) {
            return;
        }
        String line = clean(raw);
        if (stdout.size() < limit) {
            stdout.add(line);
        }
        record("[" + name + "] " + line, line);
    }

    synchronized void stderr(String raw) {
        if (finished) {
            return;
        }
        String line = clean(raw);
        record("[" + name + "!] " + line, line);
    }

    /** A line of the driver's own about this call, always logged. */
    synchronized void note(String text) {
        log.accept("[" + name + "] " + clean(text));
    }

    /** Logs how many lines were left out, and the last of them; lines that come later are dropped. */
    synchronized void finish() {
        finished = true;
        if (omitted == 0) {
            return;
        }
        List<Line> unlogged = tail.stream().filter(line -> !line.wasLogged()).toList();
        log.accept("[" + name + "] … " + (omitted - unlogged.size()) + " more lines not kept (output-lines = " + limit
                + "); the last " + unlogged.size() + ":");
        unlogged.forEach(line -> log.accept(line.logged()));
    }

    synchronized List<String> stdoutLines() {
        return List.copyOf(stdout);
    }

    synchronized List<String> tail() {
        return tail.stream().map(Line::text).toList();
    }

    private void record(String entry, String text) {
        boolean logNow = logged < limit;
        if (logNow) {
            logged++;
            log.accept(entry);
        } else {
            omitted++;
        }
        if (tail.size() == TAIL) {
            tail.removeFirst();
        }
        tail.addLast(new Line(entry, text, logNow));
    }

    private String clean(String raw) {
        String line = redactor.redact(raw);
        return line.length() > MAX_LINE ? line.substring(0, MAX_LINE) + "…" : line;
    }
}
