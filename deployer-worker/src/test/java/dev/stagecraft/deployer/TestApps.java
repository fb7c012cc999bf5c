package dev.stagecraft.deployer;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** The test application of {@code src/test/resources/testapp/TestApp.java} and how to talk to it. */
public final class TestApps {

    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private TestApps() {}

    /** The shell command that runs the test app with this JVM's java. */
    public static String command() {
        String java = ProcessHandle.current().info().command().orElse("java");
        return "'" + java + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx64m '" + source() + "'";
    }

    private static Path source() {
        try {
            return Path.of(TestApps.class.getResource("/testapp/TestApp.java").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** GET {@code http://127.0.0.1:port/path}: the body, or {@code status:<code>}/{@code unreachable}. */
    public static String get(int port, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(2))
                .build();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : "status:" + response.statusCode();
        } catch (IOException e) {
            return "unreachable";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unreachable";
        }
    }

    public static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Kills a process and its children, and waits until they are gone. */
    public static void kill(long pid) {
        ProcessHandle.of(pid).ifPresent(root -> {
            List<ProcessHandle> tree =
                    Stream.concat(Stream.of(root), root.descendants()).toList();
            tree.forEach(ProcessHandle::destroyForcibly);
            tree.forEach(process -> process.onExit().join());
        });
    }

    /** Kills every process this JVM started, with their children. */
    public static void killAll() {
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
    }
}
