package dev.stagecraft.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What a followed deployment looks like: on a terminal a block redrawn in place, a line for the deployment with a
 * bar of its overall progress and one bar per step; elsewhere (piped, redirected) one plain line per change.
 */
final class ProgressView {

    static final int BAR_WIDTH = 20;

    /** One step of the plan as last reported. */
    record Step(String status, @Nullable String message) {}

    private final Terminal terminal;
    private final PrintStream out;
    private final boolean live;
    private final String deploymentId;
    private final Map<String, Step> steps = new LinkedHashMap<>();
    private String title;
    private String status = "ACCEPTED";
    private int progress;
    private @Nullable String note;
    private int linesDrawn;
    private int tick;
    private @Nullable String lastPlain;

    private final boolean quiet;

    private final int columns;

    ProgressView(Terminal terminal, String deploymentId, String title, boolean quiet, int columns) {
        this.columns = columns;
        this.terminal = terminal;
        this.quiet = quiet;
        this.out = terminal.out;
        this.live = terminal.ansi;
        this.deploymentId = deploymentId;
        this.title = title;
    }

    /** Applies a {@code deployment.*} event of the WebSocket stream. */
    void apply(String type, JsonNode event) {
        String environment = Json.text(event, "environment");
        if (environment != null && !title.contains(environment)) {
            title = title + " → " + environment; // e.g. a promotion without --to: where it goes
        }
        switch (type) {
            case "deployment.queued" -> {
                status = "QUEUED";
                int position = event.path("position").asInt(0);
                note = position > 1 ? "position " + position + " in the queue" : null;
            }
            case "deployment.awaiting-approval" -> {
                status = "AWAITING_APPROVAL";
                note = "waiting for someone with the approver role: stagecraft approve " + deploymentId;
            }
            case "deployment.approved" -> {
                status = "APPROVED";
                note = "approved by " + Json.show(event, "approver");
            }
            case "deployment.started" -> {
                status = "RUNNING";
                note = null;
                for (JsonNode step : event.path("plan")) {
                    steps.putIfAbsent(step.asString(), new Step("PENDING", null));
                }
            }
            case "deployment.step-changed" -> {
                status = "RUNNING";
                steps.put(
                        event.path("step").asString(),
                        new Step(event.path("status").asString(), Json.text(event, "message")));
                progress = Math.max(progress, event.path("progress").asInt(0));
            }
            case "deployment.succeeded" -> finish("SUCCEEDED", null);
            case "deployment.failed" -> finish("FAILED", Json.text(event, "error"));
            case "deployment.cancelled" -> finish("CANCELLED", Json.text(event, "error"));
            case "deployment.superseded" -> finish("SUPERSEDED", Json.text(event, "error"));
            case "deployment.rejected" -> finish("REJECTED", "rejected by " + Json.show(event, "approver"));
            default -> {
                return;
            }
        }
        show();
    }

    /** Applies the deployment view of query-service (used when events were missed). */
    void apply(JsonNode view) {
        status = view.path("status").asString(status);
        for (JsonNode step : view.path("steps")) {
            steps.put(
                    step.path("name").asString(), new Step(step.path("status").asString(), Json.text(step, "message")));
        }
        if ("SUCCEEDED".equals(status)) {
            progress = 100;
        }
        show();
    }

    private void finish(String finalStatus, @Nullable String error) {
        status = finalStatus;
        note = error;
        if ("SUCCEEDED".equals(finalStatus)) {
            progress = 100;
        }
    }

    /** Redraws the block (live), or prints what changed (plain). */
    void show() {
        if (quiet) {
            return;
        }
        if (live) {
            draw();
        } else {
            plain();
        }
    }

    /** Called about twice a second while waiting: animates a running step on a terminal. */
    void tick() {
        if (live && !quiet) {
            tick++;
            draw();
        }
    }

    List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(terminal.bold(title) + "  " + terminal.status(status) + "  " + bar(progress, status) + " "
                + String.format("%3d%%", progress) + (note == null ? "" : "  " + terminal.dim(note)));
        int nameWidth = steps.keySet().stream().mapToInt(String::length).max().orElse(0);
        steps.forEach((name, step) ->
                lines.add("  " + pad(name, nameWidth) + "  " + stepBar(step) + "  " + terminal.status(step.status())
                        + (step.message() == null ? "" : "  " + terminal.dim(step.message()))));
        return lines;
    }

    private void draw() {
        StringBuilder text = new StringBuilder();
        if (linesDrawn > 0) {
            text.append("\u001b[").append(linesDrawn).append('F');
        }
        List<String> lines = lines();
        for (String line : lines) {
            text.append("\u001b[2K").append(Terminal.fit(line, columns - 1)).append('\n');
        }
        linesDrawn = lines.size();
        out.print(text);
        out.flush();
    }

    private void plain() {
        List<String> lines = new ArrayList<>();
        lines.add(title + " " + status + " " + progress + "%" + (note == null ? "" : " (" + note + ")"));
        steps.forEach((name, step) -> lines.add(
                "  step " + name + " " + step.status() + (step.message() == null ? "" : ": " + step.message())));
        String text = String.join("\n", lines);
        if (Objects.equals(text, lastPlain)) {
            return;
        }
        // print only the lines that changed since the last report, so a log reads as a sequence of changes
        List<String> before = lastPlain == null ? List.of() : List.of(lastPlain.split("\n"));
        for (String line : lines) {
            if (!before.contains(line)) {
                out.println(line);
            }
        }
        out.flush();
        lastPlain = text;
    }

    private String stepBar(Step step) {
        return switch (step.status()) {
            case "DONE" -> terminal.green("█".repeat(BAR_WIDTH));
            case "FAILED" -> terminal.red("█".repeat(BAR_WIDTH / 2) + "░".repeat(BAR_WIDTH - BAR_WIDTH / 2));
            case "RUNNING" -> terminal.yellow(sliding());
            case "SKIPPED" -> terminal.dim("─".repeat(BAR_WIDTH));
            default -> terminal.dim("░".repeat(BAR_WIDTH));
        };
    }

    /** A running step's bar: a block that moves along on every tick (its length is unknown). */
    private String sliding() {
        int position = tick % BAR_WIDTH;
        StringBuilder bar = new StringBuilder("░".repeat(BAR_WIDTH));
        for (int i = 0; i < 4; i++) {
            bar.setCharAt((position + i) % BAR_WIDTH, '█');
        }
        return bar.toString();
    }

    private String bar(int percent, String status) {
        int filled = Math.round(BAR_WIDTH * Math.min(100, Math.max(0, percent)) / 100f);
        String done = "█".repeat(filled);
        String rest = "░".repeat(BAR_WIDTH - filled);
        String painted = switch (status) {
            case "SUCCEEDED" -> terminal.green(done);
            case "FAILED", "REJECTED" -> terminal.red(done);
            default -> terminal.cyan(done);
        };
        return painted + terminal.dim(rest);
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }

    String status() {
        return status;
    }

    /** What the last event said besides the status (the error of a failed deployment), if anything. */
    @Nullable
    String note() {
        return note;
    }
}
