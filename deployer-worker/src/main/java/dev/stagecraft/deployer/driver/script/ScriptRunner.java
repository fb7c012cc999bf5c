package dev.stagecraft.deployer.driver.script;

import dev.stagecraft.deployer.secret.Redactor;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs one {@link Call} to its end: in a session and process group of its own ({@code setsid}, where
 * available), stdin from {@code /dev/null}, stdout and stderr read line by line into a {@link ScriptOutput}.
 * A call that outlives its timeout is killed with every process it started ({@link ProcessTree}). A call that
 * exits while processes it left behind still hold its output open is not waited for beyond
 * {@value #OUTPUT_GRACE_SECONDS} s: those processes are killed too (a control script is a command, not a
 * daemon).
 */
final class ScriptRunner {

    private static final Path SETSID = Stream.of("/usr/bin/setsid", "/bin/setsid")
            .map(Path::of)
            .filter(Files::isExecutable)
            .findFirst()
            .orElse(Path.of(""));

    private static final long OUTPUT_GRACE_SECONDS = 2;
    private static final Duration OUTPUT_GRACE = Duration.ofSeconds(OUTPUT_GRACE_SECONDS);
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private final int outputLines;

    ScriptRunner(int outputLines) {
        this.outputLines = outputLines;
    }

    /**
     * Runs {@code call}, logging its output (secret values masked by {@code redactor}) to {@code log}. If the
     * calling thread is interrupted meanwhile, the call is killed and the interrupt rethrown.
     */
    ScriptResult run(Call call, Redactor redactor, Consumer<String> log) throws IOException, InterruptedException {
        ScriptOutput output = new ScriptOutput(call.name(), outputLines, redactor, log);
        output.note(call.commandLine());
        Process process = start(call);
        ProcessTree tree = new ProcessTree(process, !SETSID.toString().isEmpty());
        List<Thread> readers = List.of(
                reader(call.name(), process.getInputStream(), output::stdout),
                reader(call.name(), process.getErrorStream(), output::stderr));
        boolean finished;
        try {
            finished = process.waitFor(call.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            tree.kill(KILL_WAIT);
            throw e;
        }
        if (!finished) {
            tree.kill(KILL_WAIT);
        }
        if (!joined(readers, OUTPUT_GRACE)) {
            if (finished) {
                output.note("exited, but processes it started still hold its output open; they are killed");
            }
            tree.kill(KILL_WAIT);
            joined(readers, KILL_WAIT);
        }
        output.finish();
        int exitCode = process.waitFor();
        output.note(finished ? "exited with " + exitCode : "killed after " + ScriptSettings.text(call.timeout()));
        return new ScriptResult(call.name(), exitCode, !finished, output.stdoutLines(), output.tail());
    }

    private static Process start(Call call) throws IOException {
        List<String> argv = new ArrayList<>();
        if (!SETSID.toString().isEmpty()) {
            argv.addAll(List.of(SETSID.toString(), "--wait"));
        }
        argv.add(call.executable().toString());
        argv.addAll(call.arguments());
        ProcessBuilder builder = new ProcessBuilder(argv)
                .directory(call.directory().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(call.environment());
        return builder.start();
    }

    private static Thread reader(String name, InputStream stream, Consumer<String> lines) {
        return Thread.ofVirtual().name("script-" + name).start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.accept(line);
                }
            } catch (IOException e) {
                // the stream was closed under us: the call is over
            }
        });
    }

    /** Waits until every reader has seen the end of its stream; false if one has not within {@code timeout}. */
    private static boolean joined(List<Thread> readers, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread reader : readers) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !reader.join(Duration.ofNanos(left))) {
                return false;
            }
        }
        return true;
    }
}
