package dev.stagecraft.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * One Stagecraft service started from its executable jar, as an operator would run it: {@code java [options]
 * -jar <module>/target/<module>.jar} with the given environment and {@code SERVER_PORT}, logging to
 * {@code <logDir>/<name>.log}.
 */
public final class ServiceProcess implements AutoCloseable {

    /** The JVM options the end-to-end tests start services with: quick to start, little JIT work. */
    public static final List<String> TEST_JVM_OPTIONS = List.of("-Xms64m", "-XX:TieredStopAtLevel=1");

    private static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public final String name;
    public final int port;
    public final Path log;
    private final Process process;

    private ServiceProcess(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /** Starts {@code module}'s jar of the checkout {@code repo} under the name {@code name}. */
    public static ServiceProcess start(
            Path repo,
            String module,
            String name,
            Map<String, String> environment,
            int port,
            Path logDir,
            List<String> jvmOptions)
            throws IOException {
        Path jar = repo.resolve(module).resolve("target").resolve(module + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; build it first with ./mvnw package");
        }
        return start(jar, name, environment, port, logDir, jvmOptions);
    }

    /** Starts the executable {@code jar} (e.g. one extracted from a service's jar) under the name {@code name}. */
    public static ServiceProcess start(
            Path jar, String name, Map<String, String> environment, int port, Path logDir, List<String> jvmOptions)
            throws IOException {
        Path log = logDir.resolve(name + ".log");
        Files.createDirectories(logDir);
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        return new ServiceProcess(name, port, log, builder.start());
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** Whether {@code /actuator/health/readiness} answers 200; fails if the process has exited. */
    public boolean ready() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
        }
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness"))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits until the service is ready; fails after {@code timeout} or when the process exits. */
    public void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " was not ready after " + timeout + "; see " + log);
            }
            Thread.sleep(50);
        }
    }

    /** The resident set size of the process (VmRSS in {@code /proc/<pid>/status}), if the system shows it. */
    public OptionalLong residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    String kilobytes =
                            line.substring("VmRSS:".length()).replace("kB", "").strip();
                    return OptionalLong.of(Long.parseLong(kilobytes) * 1024);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    @Override
    public void close() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            process.waitFor(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    /** The Java launcher of the running JVM, so that services run on the same JDK. */
    public static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
