package dev.stagecraft.query.access;

import dev.stagecraft.query.Json;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Asks command-service who an {@code Authorization} header belongs to, and keeps a valid answer for
 * {@code stagecraft.query.auth.cache-ttl}, so that reading does not cost a call to command-service each time. Only
 * valid answers are kept (keyed by the SHA-256 of the header, never the header itself): a wrong token is asked about
 * again, and a revoked one stops working here within the cache time.
 */
@Component
class CommandServiceCallers {

    /** What command-service answered. */
    sealed interface Answer {}

    record Known(Reader reader) implements Answer {}

    record Unknown() implements Answer {}

    record Unreachable(String reason) implements Answer {}

    private record Cached(Reader reader, Instant until) {}

    private static final int MAX_CACHED = 10_000;

    private final AccessProperties properties;
    private final Clock clock;
    private final HttpClient http;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    CommandServiceCallers(AccessProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.auth().timeout())
                .build();
    }

    Answer whoIs(String authorization) {
        String key = sha256(authorization);
        Instant now = clock.instant();
        Cached cached = cache.get(key);
        if (cached != null && cached.until().isAfter(now)) {
            return new Known(cached.reader());
        }
        Answer answer = ask(authorization);
        if (answer instanceof Known known) {
            if (cache.size() >= MAX_CACHED) {
                cache.values().removeIf(entry -> !entry.until().isAfter(now));
            }
            cache.put(key, new Cached(known.reader(), now.plus(properties.auth().cacheTtl())));
        } else {
            cache.remove(key);
        }
        return answer;
    }

    private Answer ask(String authorization) {
        HttpRequest request = HttpRequest.newBuilder(properties.meUrl())
                .timeout(properties.auth().timeout())
                .header(HttpHeaders.AUTHORIZATION, authorization)
                .header(HttpHeaders.ACCEPT, "application/json")
                .GET()
                .build();
        try {
            HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return switch (response.statusCode()) {
                case 200 -> new Known(reader(Json.tree(response.body())));
                case 401, 403 -> new Unknown();
                default -> new Unreachable("it answered HTTP " + response.statusCode());
            };
        } catch (IOException e) {
            return new Unreachable(
                    e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Unreachable("interrupted");
        } catch (RuntimeException e) {
            return new Unreachable("its answer was unreadable (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static Reader reader(JsonNode me) {
        List<Reader.Grant> grants = new ArrayList<>();
        me.path("roles")
                .forEach(role -> grants.add(new Reader.Grant(role.path("role").asString(), app(role))));
        return new Reader(me.path("name").asString(), grants);
    }

    private static @Nullable String app(JsonNode role) {
        JsonNode app = role.get("app");
        return app == null || app.isNull() ? null : app.asString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
