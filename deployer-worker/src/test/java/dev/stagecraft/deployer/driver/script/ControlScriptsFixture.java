package dev.stagecraft.deployer.driver.script;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

/**
 * The control scripts of {@code src/test/resources/scripts/control} (they record their calls and behave as
 * files next to them ask, see {@code lib.sh}) copied into a directory of a test's own and made executable:
 * Maven's resource copy does not keep the executable bit.
 */
public final class ControlScriptsFixture {

    private ControlScriptsFixture() {}

    /** Copies the scripts into {@code directory} and returns it. */
    public static Path copyTo(Path directory) {
        try (Stream<Path> scripts = Files.list(source())) {
            Files.createDirectories(directory);
            for (Path script : scripts.toList()) {
                Path copy = Files.copy(
                        script, directory.resolve(script.getFileName().toString()));
                if (!copy.getFileName().toString().endsWith(".sh")) {
                    Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The calls recorded in {@code directory}: one list per call, the script's name first. */
    public static List<List<String>> calls(Path directory) {
        Path calls = directory.resolve("calls");
        try {
            return Files.exists(calls)
                    ? Files.readAllLines(calls).stream()
                            .map(line -> List.of(line.split("\t", -1)))
                            .toList()
                    : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names of the scripts called, in order. */
    public static List<String> called(Path directory) {
        return calls(directory).stream().map(List::getFirst).toList();
    }

    /** Writes {@code content} to {@code file} in {@code directory} (e.g. {@code exit.check}). */
    public static void write(Path directory, String file, String content) {
        try {
            Files.writeString(directory.resolve(file), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path source() {
        try {
            return Path.of(ControlScriptsFixture.class
                            .getResource("/scripts/control/create")
                            .toURI())
                    .getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
