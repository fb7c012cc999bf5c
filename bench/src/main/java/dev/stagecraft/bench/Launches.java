package dev.stagecraft.bench;

import dev.stagecraft.testsupport.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * How each service is launched. Plainly, {@code java -jar <module>/target/<module>.jar}. With AOT caches (JDK ≥ 25,
 * JEP 483/514), the way Spring Boot documents for them: the jar is extracted ({@code -Djarmode=tools extract}: the
 * application jar plus {@code lib/}, so that every class comes from the application class path — an AOT cache
 * holds no class loaded through the nested-jar loader of an executable jar), and one training run
 * ({@code -XX:AOTCacheOutput}, {@code -Dspring.context.exit=onRefresh}: the context is built, then the JVM exits)
 * against a throw-away database and virtual host makes the cache. Both are kept in {@code bench/target/} and made
 * again when the jar, the JDK or the JVM options change; a training run that fails only costs the speed-up.
 */
final class Launches {

    private Launches() {}

    /** The jar to run and the options to add, per module. */
    record Launch(Path jar, List<String> options) {}

    static Map<String, Launch> plain(Path repo, List<String> modules) {
        Map<String, Launch> launches = new LinkedHashMap<>();
        for (String module : modules) {
            launches.put(module, new Launch(jar(repo, module), List.of()));
        }
        return launches;
    }

    /** Extracted jars with their AOT caches, training the caches that are missing or stale. */
    static Map<String, Launch> withAotCaches(
            Path repo, Path dir, List<String> jvmOptions, List<String> modules, Map<String, String> environment)
            throws IOException, InterruptedException {
        if (Runtime.version().feature() < 25) {
            Bench.say("no AOT caches: they need a JDK >= 25, this is " + Runtime.version());
            return plain(repo, modules);
        }
        Files.createDirectories(dir);
        Map<String, Process> training = new HashMap<>();
        for (String module : modules) {
            if (key(repo, module, jvmOptions).equals(storedKey(dir, module))
                    && Files.isRegularFile(cache(dir, module))
                    && Files.isRegularFile(dir.resolve(module).resolve(module + ".jar"))) {
                continue;
            }
            Files.deleteIfExists(cache(dir, module));
            Path extracted = extract(repo, dir, module);
            List<String> command = new ArrayList<>();
            command.add(ServiceProcess.javaBinary());
            command.addAll(jvmOptions);
            command.add("-XX:AOTCacheOutput=" + dir.resolve(module + ".aot.tmp"));
            command.add("-Dspring.context.exit=onRefresh");
            command.addAll(List.of("-jar", extracted.toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve(module + ".training.log").toFile());
            builder.environment().putAll(environment);
            builder.environment().put("SERVER_PORT", Integer.toString(ServiceProcess.freePort()));
            training.put(module, builder.start());
        }
        if (!training.isEmpty()) {
            Bench.say("making AOT caches for " + training.keySet() + " (once per build)");
        }
        for (Map.Entry<String, Process> run : training.entrySet()) {
            String module = run.getKey();
            Path made = dir.resolve(module + ".aot.tmp");
            boolean finished = run.getValue().waitFor(5, TimeUnit.MINUTES);
            if (finished && run.getValue().exitValue() == 0 && Files.isRegularFile(made) && Files.size(made) > 0) {
                Files.move(made, cache(dir, module), StandardCopyOption.REPLACE_EXISTING);
                Files.writeString(dir.resolve(module + ".aot.key"), key(repo, module, jvmOptions));
            } else {
                run.getValue().destroyForcibly();
                Files.deleteIfExists(made);
                Bench.say(module + ": no AOT cache (training failed, see " + dir.resolve(module + ".training.log")
                        + "); it starts without one");
            }
        }
        Map<String, Launch> launches = new LinkedHashMap<>();
        for (String module : modules) {
            Path extracted = dir.resolve(module).resolve(module + ".jar");
            launches.put(
                    module,
                    Files.isRegularFile(cache(dir, module)) && Files.isRegularFile(extracted)
                            ? new Launch(extracted, List.of("-XX:AOTCache=" + cache(dir, module)))
                            : new Launch(jar(repo, module), List.of()));
        }
        return launches;
    }

    private static Path extract(Path repo, Path dir, String module) throws IOException, InterruptedException {
        Path destination = dir.resolve(module);
        if (Files.exists(destination)) {
            try (Stream<Path> paths = Files.walk(destination)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Process extract = new ProcessBuilder(
                        ServiceProcess.javaBinary(),
                        "-Djarmode=tools",
                        "-jar",
                        jar(repo, module).toString(),
                        "extract",
                        "--destination",
                        destination.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(module + ".extract.log").toFile())
                .start();
        if (!extract.waitFor(2, TimeUnit.MINUTES) || extract.exitValue() != 0) {
            throw new IllegalStateException(
                    "cannot extract " + jar(repo, module) + "; see " + dir.resolve(module + ".extract.log"));
        }
        return destination.resolve(module + ".jar");
    }

    private static Path jar(Path repo, String module) {
        return repo.resolve(module).resolve("target").resolve(module + ".jar");
    }

    private static Path cache(Path dir, String module) {
        return dir.resolve(module + ".aot");
    }

    private static String key(Path repo, String module, List<String> jvmOptions) throws IOException {
        Path jar = jar(repo, module);
        return ServiceProcess.javaBinary() + "|" + Runtime.version() + "|" + String.join(" ", jvmOptions) + "|"
                + Files.size(jar) + "|" + Files.getLastModifiedTime(jar).toMillis();
    }

    private static String storedKey(Path dir, String module) throws IOException {
        Path key = dir.resolve(module + ".aot.key");
        return Files.isRegularFile(key) ? Files.readString(key) : "";
    }
}
