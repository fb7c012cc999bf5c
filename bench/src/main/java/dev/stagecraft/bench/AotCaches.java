package dev.stagecraft.bench;

import dev.stagecraft.testsupport.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The AOT caches (JDK ≥ 25, JEP 483/514) the services start with, as {@code bootstrap/up} makes them: one training
 * run per service ({@code -XX:AOTCacheOutput}, {@code -Dspring.context.exit=onRefresh}: the context is built, then
 * the JVM exits) against a throw-away database and virtual host, kept in {@code bench/target/aot/} and made again
 * when the jar, the JDK or the JVM options change. A training run that fails only costs the speed-up.
 */
final class AotCaches {

    private AotCaches() {}

    /** The {@code -XX:AOTCache=…} option of each module that has a cache, training those that have none. */
    static Map<String, String> prepare(
            Path repo, Path dir, List<String> jvmOptions, List<String> modules, Map<String, String> environment)
            throws IOException, InterruptedException {
        Map<String, String> options = new LinkedHashMap<>();
        if (Runtime.version().feature() < 25) {
            Bench.say("no AOT caches: they need a JDK >= 25, this is " + Runtime.version());
            return options;
        }
        Files.createDirectories(dir);
        Map<String, Process> training = new HashMap<>();
        for (String module : modules) {
            Path cache = dir.resolve(module + ".aot");
            if (Files.isRegularFile(cache) && key(repo, module, jvmOptions).equals(storedKey(dir, module))) {
                continue;
            }
            Files.deleteIfExists(cache);
            List<String> command = new ArrayList<>();
            command.add(ServiceProcess.javaBinary());
            command.addAll(jvmOptions);
            command.add("-XX:AOTCacheOutput=" + dir.resolve(module + ".aot.tmp"));
            command.add("-Dspring.context.exit=onRefresh");
            command.addAll(List.of("-jar", jar(repo, module).toString()));
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
                Files.move(made, dir.resolve(module + ".aot"), StandardCopyOption.REPLACE_EXISTING);
                Files.writeString(dir.resolve(module + ".aot.key"), key(repo, module, jvmOptions));
            } else {
                run.getValue().destroyForcibly();
                Files.deleteIfExists(made);
                Bench.say(module + ": no AOT cache (training failed, see " + dir.resolve(module + ".training.log")
                        + "); it starts without one");
            }
        }
        for (String module : modules) {
            Path cache = dir.resolve(module + ".aot");
            if (Files.isRegularFile(cache)) {
                options.put(module, "-XX:AOTCache=" + cache);
            }
        }
        return options;
    }

    private static Path jar(Path repo, String module) {
        return repo.resolve(module).resolve("target").resolve(module + ".jar");
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
