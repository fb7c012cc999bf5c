package dev.stagecraft.deployer.driver.local;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Starting and stopping OS processes. A process is started in a session of its own ({@code setsid}, where
 * available), so that signals aimed at the worker (Ctrl-C in its terminal) do not reach the environments;
 * it is stopped as a tree: SIGTERM to it and all its descendants, SIGKILL after a grace period. A process is
 * known by its pid and start instant together, never by its pid alone.
 */
final class LocalProcesses {

    private static final Path SETSID = Stream.of("/usr/bin/setsid", "/bin/setsid")
            .map(Path::of)
            .filter(Files::isExecutable)
            .findFirst()
            .orElse(Path.of(""));

    private static final int TAIL_BYTES = 64 * 1024;
    private static final Duration START_TOLERANCE = Duration.ofSeconds(1);

    private LocalProcesses() {}

    static Process start(String command, Path directory, Map<String, String> environment, Path log) {
        List<String> argv = new ArrayList<>();
        if (!SETSID.toString().isEmpty()) {
            argv.addAll(List.of(SETSID.toString(), "--wait"));
        }
        argv.addAll(List.of("sh", "-c", command));
        ProcessBuilder builder = new ProcessBuilder(argv)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start sh -c '" + command + "' in " + directory, e);
        }
    }

    /** When {@code process} started; empty once it has ended (and been reaped). */
    static Optional<Instant> startInstant(ProcessHandle process) {
        return process.info().startInstant();
    }

    /**
     * The process {@code pid} if it is alive and still the one that started at {@code started}: pids are
     * reused, so a pid alone may name an unrelated process by now. Without {@code started} nothing is ours.
     */
    static Optional<ProcessHandle> alive(long pid, @Nullable Instant started) {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(process -> started != null && startedAt(process, started));
    }

    /** Stops the process and its descendants if it is still ours ({@link #alive}); true if it had been running. */
    static boolean stop(long pid, @Nullable Instant started, Duration grace) {
        return alive(pid, started).map(root -> stop(root, grace)).orElse(false);
    }

    /** Stops a process known to be ours (a handle of a {@link Process} this worker started) and its descendants. */
    static boolean stop(ProcessHandle root, Duration grace) {
        if (!root.isAlive()) {
            return false;
        }
        stopTree(root, grace);
        return true;
    }

    /**
     * True if the process started at {@code expected}. Linux derives start instants from the boot time in whole
     * seconds, which a clock step can move between two JVMs, hence the tolerance; a pid is not reused that fast.
     */
    private static boolean startedAt(ProcessHandle process, Instant expected) {
        return startInstant(process)
                .map(actual -> Duration.between(actual, expected).abs().compareTo(START_TOLERANCE) <= 0)
                .orElse(false);
    }

    private static void stopTree(ProcessHandle root, Duration grace) {
        List<ProcessHandle> tree =
                Stream.concat(Stream.of(root), root.descendants()).toList();
        tree.forEach(ProcessHandle::destroy);
        if (!awaitExit(tree, grace)) {
            tree.forEach(ProcessHandle::destroyForcibly);
            awaitExit(tree, Duration.ofSeconds(5));
        }
    }

    private static boolean awaitExit(List<ProcessHandle> processes, Duration timeout) {
        CompletableFuture<?>[] exits =
                processes.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A TCP port free on the loopback interface right now. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port", e);
        }
    }

    /** The last {@code lines} lines of a log file (read from its last 64 KiB); empty if it does not exist. */
    static List<String> tail(Path log, int lines) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.max(0, file.length() - TAIL_BYTES);
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            List<String> all = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (FileNotFoundException e) {
            return List.of();
        } catch (IOException e) {
            return List.of("(cannot read " + log + ": " + e.getMessage() + ")");
        }
    }
}
