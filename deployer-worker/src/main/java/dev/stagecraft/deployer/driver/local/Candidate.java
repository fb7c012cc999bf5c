package dev.stagecraft.deployer.driver.local;

import dev.stagecraft.deployer.driver.Workload;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * A version being started that is not the environment's current one yet: its process (pid and start instant)
 * and port, written to {@code .stagecraft/candidate} in the environment's directory before its health check
 * begins. The worker records the new version with the environment only after the deployment; if the worker
 * dies in between, the file is how the process is found again and stopped (see {@link LocalDriver#recover}).
 */
record Candidate(long pid, Instant started, int port) {

    /** True if this is the process {@code workload} runs, i.e. the candidate became current. */
    boolean isProcessOf(@Nullable Workload workload) {
        return workload != null && Objects.equals(workload.pid(), pid) && started.equals(workload.started());
    }

    /** Writes the file in one atomic step, so that a reader never sees half of it. */
    void write(Path file) {
        Properties properties = new Properties();
        properties.setProperty("pid", Long.toString(pid));
        properties.setProperty("started", started.toString());
        properties.setProperty("port", Integer.toString(port));
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try {
            try (Writer out = Files.newBufferedWriter(partial)) {
                properties.store(out, "a version being started; see the README of deployer-worker");
            }
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The candidate recorded in {@code file}; empty if there is none or the file cannot be read. */
    static Optional<Candidate> read(Path file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
            return Optional.of(new Candidate(
                    Long.parseLong(properties.getProperty("pid")),
                    Instant.parse(properties.getProperty("started")),
                    Integer.parseInt(properties.getProperty("port"))));
        } catch (IOException | RuntimeException e) { // none, or not one this worker wrote
            return Optional.empty();
        }
    }

    static void forget(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }
}
