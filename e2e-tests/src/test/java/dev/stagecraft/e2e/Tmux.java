package dev.stagecraft.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real terminal for a test: a tmux server of its own (its own socket), one session running bash with the given
 * environment; the test types with {@code send-keys} and reads the screen with {@code capture-pane}.
 */
final class Tmux implements AutoCloseable {

    private final String socket;
    private final Path dir;

    private Tmux(String socket, Path dir) {
        this.socket = socket;
        this.dir = dir;
    }

    static Tmux start(Map<String, String> environment) throws IOException {
        if (!Files.isExecutable(Path.of("/usr/bin/tmux"))) {
            throw new IllegalStateException("tmux is not installed; .ci/run installs it (apt-get install tmux)");
        }
        Path dir = Files.createTempDirectory("stagecraft-tmux-");
        StringBuilder script = new StringBuilder("unset NO_COLOR\n");
        environment.forEach((key, value) -> script.append("export ")
                .append(key)
                .append("='")
                .append(value.replace("'", "'\\''"))
                .append("'\n"));
        script.append("export TERM=xterm-256color\ncd '").append(dir).append("'\nPS1='$ '\n");
        Files.writeString(dir.resolve("env.sh"), script.toString());
        Tmux tmux = new Tmux("stagecraft-e2e-" + ProcessHandle.current().pid(), dir);
        tmux.tmux("new-session", "-d", "-s", "cli", "-x", "160", "-y", "50", "bash --noprofile --norc");
        tmux.type("source " + dir.resolve("env.sh") + "; clear");
        return tmux;
    }

    /** Types {@code line} and Enter. */
    void type(String line) {
        tmux("send-keys", "-t", "cli", "-l", line);
        tmux("send-keys", "-t", "cli", "Enter");
    }

    /** The screen as text once it shows {@code marker} at the start of a line (so not the typed command itself). */
    String awaitScreen(String marker, Duration timeout) {
        AtomicReference<String> screen = new AtomicReference<>("");
        await().atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
            screen.set(tmux("capture-pane", "-p", "-t", "cli", "-S", "-200"));
            return screen.get().lines().anyMatch(line -> line.startsWith(marker));
        });
        return screen.get();
    }

    /** The screen with its colours and attributes as escape sequences. */
    String captureWithEscapes() {
        return tmux("capture-pane", "-p", "-e", "-t", "cli", "-S", "-200");
    }

    private String tmux(String... args) {
        List<String> command = new ArrayList<>(List.of("/usr/bin/tmux", "-L", socket));
        command.addAll(List.of(args));
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(20, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("tmux " + String.join(" ", args) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            tmux("kill-server");
        } catch (IllegalStateException alreadyGone) {
            // the server ends by itself when its last session does
        }
    }
}
