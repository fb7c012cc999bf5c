package dev.stagecraft.deployer.driver.local;

import dev.stagecraft.contracts.MessageCodec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** One HTTP GET of a health URL: its status and, if its body is JSON with a {@code version}, that version. */
final class HealthProbe {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** The answer to one probe; {@code status} 0 when there was none (connection refused, timeout). */
    record Answer(
            URI uri, int status, String body, @Nullable String version) {

        boolean healthy() {
            return status >= 200 && status < 300;
        }

        boolean reportsOtherVersion(String expected) {
            return version != null && !version.equals(expected);
        }

        /** The answer without its body, for messages that are published: a body may show anything, secrets too. */
        String summary() {
            return status == 0 ? "GET " + uri + ": no answer (" + body + ")" : "GET " + uri + ": " + status;
        }

        /** The answer with the start of its body, for the step log only. */
        String describe() {
            if (status == 0) {
                return summary();
            }
            String shortBody = body.length() > 200 ? body.substring(0, 200) + "…" : body;
            return "GET " + uri + ": " + status + (shortBody.isBlank() ? "" : " " + shortBody.strip());
        }
    }

    private HealthProbe() {}

    static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    static Answer probe(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(uri, response.statusCode(), response.body(), versionIn(response.body()));
        } catch (IOException e) {
            return new Answer(uri, 0, String.valueOf(e.getMessage() != null ? e.getMessage() : e), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(uri, 0, "interrupted", null);
        }
    }

    private static @Nullable String versionIn(String body) {
        if (!body.stripLeading().startsWith("{")) {
            return null;
        }
        try {
            JsonNode version = MessageCodec.instance().mapper().readTree(body).get("version");
            return version != null && version.isValueNode() ? version.asString() : null;
        } catch (JacksonException e) {
            return null;
        }
    }
}
