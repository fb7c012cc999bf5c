package dev.stagecraft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ProgressViewTest {

    static final String ID = "8855a23e-7a24-4fd7-8ad6-94799ecb8fff";

    @Test
    void onATerminalTheBlockIsRedrawnInPlaceWithABarPerStep() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProgressView view = new ProgressView(terminal(out, true), ID, "create shop/qa 1.0.0", false, 100);

        play(view);

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("\u001b[3F").contains("\u001b[2K"); // up over the three lines drawn, clear each
        assertThat(text).contains("\u001b[32m" + "█".repeat(ProgressView.BAR_WIDTH)); // a finished step's green bar
        assertThat(view.lines().getFirst()).contains("SUCCEEDED").contains("100%");
        assertThat(view.status()).isEqualTo("SUCCEEDED");
    }

    @Test
    void elsewhereEachChangeIsOnePlainLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProgressView view = new ProgressView(terminal(out, false), ID, "create shop/qa 1.0.0", false, 100);

        play(view);

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\u001b");
        assertThat(text.lines())
                .containsSubsequence(
                        "create shop/qa 1.0.0 QUEUED 0%",
                        "  step apply PENDING",
                        "  step apply RUNNING: starting",
                        "  step apply DONE: started",
                        "create shop/qa 1.0.0 SUCCEEDED 100%");
    }

    @Test
    void liveLinesAreCutToTheTerminalWidthSoTheyNeverWrap() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProgressView view = new ProgressView(terminal(out, true), ID, "create shop/qa 1.0.0", false, 60);

        view.apply("deployment.started", json("{\"plan\":[\"apply\"]}"));
        view.apply(
                "deployment.step-changed",
                json("{\"step\":\"apply\",\"status\":\"RUNNING\",\"message\":\"" + "x".repeat(200) + "\"}"));

        String[] drawn = out.toString(StandardCharsets.UTF_8).split("\n");
        for (String line : drawn) {
            assertThat(Terminal.visibleLength(line.replaceAll("\u001b\\[[0-9]*[FK]", "")))
                    .isLessThan(60);
        }
        assertThat(drawn[drawn.length - 1]).endsWith("…\u001b[0m");
    }

    @Test
    void quietDrawsNothing() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ProgressView view = new ProgressView(terminal(out, true), ID, "create shop/qa 1.0.0", true, 100);

        play(view);

        assertThat(out.size()).isZero();
        assertThat(view.status()).isEqualTo("SUCCEEDED");
    }

    @Test
    void aFailureNamesTheError() {
        ProgressView view = new ProgressView(terminal(new ByteArrayOutputStream(), false), ID, "t", false, 100);

        view.apply("deployment.failed", json("{\"error\":\"health check timed out\",\"failedStep\":\"wait-ready\"}"));

        assertThat(view.status()).isEqualTo("FAILED");
        assertThat(view.lines().getFirst()).contains("health check timed out");
    }

    private static void play(ProgressView view) {
        view.apply("deployment.queued", json("{\"operation\":\"DEPLOY\",\"toVersion\":\"1.0.0\",\"position\":1}"));
        view.apply("deployment.started", json("{\"plan\":[\"apply\",\"wait-ready\"]}"));
        view.apply(
                "deployment.step-changed",
                json("{\"step\":\"apply\",\"status\":\"RUNNING\",\"message\":\"starting\",\"progress\":0}"));
        view.tick();
        view.apply(
                "deployment.step-changed",
                json("{\"step\":\"apply\",\"status\":\"DONE\",\"message\":\"started\",\"progress\":50}"));
        view.apply("deployment.step-changed", json("{\"step\":\"wait-ready\",\"status\":\"DONE\",\"progress\":100}"));
        view.apply("deployment.succeeded", json("{\"durationMs\":1200}"));
    }

    private static Terminal terminal(ByteArrayOutputStream out, boolean ansi) {
        return new Terminal(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, ansi);
    }

    private static JsonNode json(String text) {
        return Json.MAPPER.readTree(text);
    }
}
