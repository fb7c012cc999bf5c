package dev.stagecraft.deployer.driver.local;

import dev.stagecraft.deployer.driver.Spec;
import dev.stagecraft.deployer.driver.Target;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The working directory of each environment ({@code <work-dir>/<app>/<env>/}, shared by its versions, kept
 * on archive) with the output of each process in {@code .stagecraft/<port>.log} and the version being started
 * in {@code .stagecraft/candidate}, and the variables a process sees.
 */
final class LocalWorkspace {

    private final LocalDriverProperties properties;

    LocalWorkspace(LocalDriverProperties properties) {
        this.properties = properties;
    }

    Path directory(Target target) {
        return properties.workDir().resolve(target.app()).resolve(target.environment());
    }

    Path prepare(Target target) {
        try {
            return Files.createDirectories(directory(target).resolve(".stagecraft"))
                    .getParent();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the working directory " + directory(target), e);
        }
    }

    Path logFile(Target target, int port) {
        return directory(target).resolve(".stagecraft").resolve(port + ".log");
    }

    /** Where the version being started is recorded ({@link Candidate}). */
    Path candidateFile(Target target) {
        return directory(target).resolve(".stagecraft").resolve("candidate");
    }

    void deleteLog(Target target, int port) {
        try {
            Files.deleteIfExists(logFile(target, port));
        } catch (IOException e) {
            // a leftover log disturbs nothing
        }
    }

    void delete(Target target) {
        Path root = directory(target);
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root + ": " + e.getMessage(), e);
        }
    }

    /** The inherited variables, then the configuration, then PORT and the STAGECRAFT_* variables. */
    Map<String, String> environment(Spec spec, int port) {
        Map<String, String> environment = new HashMap<>();
        for (String name : properties.inheritedVariables()) {
            String value = System.getenv(name);
            if (value != null) {
                environment.put(name, value);
            }
        }
        environment.putAll(spec.configuration());
        environment.put("PORT", Integer.toString(port));
        environment.put("STAGECRAFT_APP", spec.target().app());
        environment.put("STAGECRAFT_ENVIRONMENT", spec.target().environment());
        environment.put("STAGECRAFT_VERSION", spec.version());
        if (spec.commit() != null) {
            environment.put("STAGECRAFT_COMMIT", spec.commit());
        }
        return environment;
    }
}
