package dev.stagecraft.bench;

import dev.stagecraft.contracts.MessageCodec;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;

/** What the harness asks of Stagecraft's REST APIs, authenticated with a bearer token. */
final class StagecraftApi implements AutoCloseable {

    private final HttpClient http = HttpClient.newBuilder()
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final String commandUrl;
    private final String queryUrl;
    private final String token;

    StagecraftApi(String commandUrl, String queryUrl, String token) {
        this.commandUrl = commandUrl;
        this.queryUrl = queryUrl;
        this.token = token;
    }

    /** Registers {@code app}, run by the noop driver, with no pipeline (its environments are review stagings). */
    void registerApplication(String app, String delay) {
        Answer answer = send("POST", commandUrl + "/api/v1/applications", """
                {"name":"%s","driver":"noop","driverSettings":{"delay":"%s"},"defaults":{"GREETING":"hello"}}
                """.formatted(app, delay));
        answer.requireAccepted("registering application " + app);
    }

    /** Creates environment {@code name} of {@code app} at {@code version}; returns the deployment id. */
    String createEnvironment(String app, String name, String version) {
        return send(
                        "POST",
                        commandUrl + "/api/v1/applications/" + app + "/environments",
                        "{\"name\":\"%s\",\"version\":\"%s\",\"overrides\":{\"REPLICA\":\"%s\"}}"
                                .formatted(name, version, name))
                .deploymentId("creating " + app + "/" + name);
    }

    /** Deploys {@code version} to an existing environment; returns the deployment id. */
    String deploy(String app, String environment, String version) {
        return send(
                        "PATCH",
                        commandUrl + "/api/v1/applications/" + app + "/environments/" + environment,
                        "{\"version\":\"%s\"}".formatted(version))
                .deploymentId("deploying " + version + " to " + app + "/" + environment);
    }

    /**
     * {@code GET /api/v1/environments?app=}: the first page (100) of an application's environments, with the
     * total count in {@code X-Total-Count}.
     */
    Answer listEnvironments(String app) {
        return send("GET", queryUrl + "/api/v1/environments?app=" + encode(app), null);
    }

    /** {@code GET /api/v1/applications/{app}/diff?from=&to=}. */
    Answer diff(String app, String from, String to) {
        return send(
                "GET",
                queryUrl + "/api/v1/applications/" + app + "/diff?from=" + encode(from) + "&to=" + encode(to),
                null);
    }

    Answer environment(String app, String name) {
        return send("GET", queryUrl + "/api/v1/applications/" + app + "/environments/" + name, null);
    }

    Answer send(String method, String url, @org.jspecify.annotations.Nullable String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + token);
        request = json == null
                ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json));
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(
                    method + " " + url,
                    response.statusCode(),
                    response.body(),
                    response.headers().firstValue("X-Total-Count").orElse(null));
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + url + " was interrupted", e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        http.close();
    }

    /** One HTTP answer: its status, body and, for a list, the total count of what it pages through. */
    record Answer(
            String request,
            int status,
            byte[] body,
            @org.jspecify.annotations.Nullable String totalCount) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        JsonNode json() {
            return MessageCodec.instance().mapper().readTree(body);
        }

        void requireAccepted(String what) {
            if (!ok()) {
                throw new IllegalStateException(
                        what + ": " + request + " answered " + status + " " + new String(body, StandardCharsets.UTF_8));
            }
        }

        String deploymentId(String what) {
            requireAccepted(what);
            String id = json().path("deploymentId").asString();
            if (id == null || id.isBlank()) {
                throw new IllegalStateException(what + ": " + request + " answered without a deploymentId: "
                        + new String(body, StandardCharsets.UTF_8));
            }
            return id;
        }
    }
}
