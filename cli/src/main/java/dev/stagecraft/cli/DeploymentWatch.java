package dev.stagecraft.cli;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Follows one deployment live: the notifier's WebSocket stream ({@code /ws/events}), opened <em>before</em> the
 * command is sent so no event is missed (the stream has no replay), plus query-service's deployment view every few
 * seconds, which catches up on anything the stream lost and carries on alone when the notifier is down.
 */
final class DeploymentWatch implements AutoCloseable {

    static final Set<String> FINAL_EVENTS = Set.of(
            "deployment.succeeded",
            "deployment.failed",
            "deployment.cancelled",
            "deployment.superseded",
            "deployment.rejected");

    /** How the deployment ended (or {@code TIMEOUT}), with query-service's view of it when it has one. */
    record Outcome(String status, @Nullable JsonNode view) {
        boolean succeeded() {
            return "SUCCEEDED".equals(status);
        }
    }

    private static final JsonNode CLOSED = Json.object().put("type", "socket.closed");
    private static final Duration POLL_WITH_SOCKET = Duration.ofSeconds(3);
    private static final Duration POLL_WITHOUT_SOCKET = Duration.ofSeconds(1);

    private final Session session;
    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private @Nullable WebSocket socket;

    private DeploymentWatch(Session session) {
        this.session = session;
    }

    /** Opens the stream filtered by {@code filter} (app, environment, deploymentId); warns and polls if it cannot. */
    static DeploymentWatch open(Session session, Map<String, String> filter) {
        DeploymentWatch watch = new DeploymentWatch(session);
        String base = session.settings().notifierWebSocketUrl();
        StringJoiner query = new StringJoiner("&", base + "/ws/events?", "");
        filter.forEach((key, value) -> query.add(key + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        try {
            watch.socket = session.api()
                    .http()
                    .newWebSocketBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(URI.create(query.toString()), watch.new Listener())
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            Failure failure = Api.unreachable(
                    "notifier-service", "--notifier-url", session.settings().notifierUrl(), e);
            session.terminal()
                    .err
                    .println(failure.getMessage() + "; following the deployment through query-service instead");
        }
        return watch;
    }

    /** Follows {@code deploymentId} until it ends or {@code timeout} passes, drawing {@code view} as it goes. */
    Outcome follow(String deploymentId, Duration timeout, ProgressView view) {
        Instant deadline = Instant.now().plus(timeout);
        Instant nextPoll = Instant.now().plus(POLL_WITH_SOCKET);
        String finalStatus = null;
        while (Instant.now().isBefore(deadline)) {
            JsonNode frame = take(Duration.ofMillis(500));
            if (frame == CLOSED) {
                socket = null;
            } else if (frame != null && deploymentId.equals(Json.text(frame.path("event"), "deploymentId"))) {
                String type = frame.path("type").asString();
                view.apply(type, frame.path("event"));
                if (FINAL_EVENTS.contains(type)) {
                    finalStatus = view.status();
                    break;
                }
            } else if (frame == null) {
                view.tick();
            }
            if (!Instant.now().isBefore(nextPoll)) {
                JsonNode read = readModel(deploymentId);
                if (read != null && isFinal(read)) {
                    view.apply(read);
                    return new Outcome(view.status(), read);
                }
                nextPoll = Instant.now().plus(socket == null ? POLL_WITHOUT_SOCKET : POLL_WITH_SOCKET);
            }
        }
        if (finalStatus == null) {
            return new Outcome("TIMEOUT", readModel(deploymentId));
        }
        return new Outcome(finalStatus, settledReadModel(deploymentId));
    }

    /** query-service's view once it has applied the end too (it may lag the stream a little), else what it has. */
    private @Nullable JsonNode settledReadModel(String deploymentId) {
        Instant giveUp = Instant.now().plusSeconds(10);
        JsonNode read = readModel(deploymentId);
        while ((read == null || !isFinal(read)) && Instant.now().isBefore(giveUp)) {
            take(Duration.ofMillis(300));
            read = readModel(deploymentId);
        }
        return read;
    }

    private @Nullable JsonNode readModel(String deploymentId) {
        try {
            return session.api()
                    .get(Api.Service.QUERY, "/api/v1/deployments/" + deploymentId)
                    .body();
        } catch (Failure notYet) {
            return null; // not in the read model yet, or query-service is busy: the stream goes on
        }
    }

    private static boolean isFinal(JsonNode view) {
        String status = Json.text(view, "status");
        return status != null
                && Set.of("SUCCEEDED", "FAILED", "CANCELLED", "SUPERSEDED", "REJECTED")
                        .contains(status);
    }

    private @Nullable JsonNode take(Duration wait) {
        try {
            return frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(ExitCode.INTERNAL, "interrupted while following the deployment");
        }
    }

    @Override
    public void close() {
        WebSocket open = socket;
        if (open != null) {
            open.abort();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    frames.add(Json.MAPPER.readTree(partial.toString()));
                } catch (JacksonException ignored) {
                    // not an event frame; the stream only sends JSON
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            frames.add(CLOSED);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            frames.add(CLOSED);
        }
    }
}
