package dev.stagecraft.command.slack;

import dev.stagecraft.command.access.ServiceCredentials;
import dev.stagecraft.contracts.MessageCodec;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.timelimiter.TimeLimiter;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import tools.jackson.databind.JsonNode;

/**
 * Asks query-service (DESIGN.md §2: the one synchronous call between services, read-only) for what Slack's
 * {@code list} and {@code diff} show. Each call runs under a time limit and a circuit breaker, so a slow or
 * absent query-service costs a Slack user a sentence, not a thread; the breaker counts time-outs, I/O errors
 * and 5xx answers, not 4xx ones (those are answers).
 */
class QueryService {

    private final URI base;
    private final HttpClient http;
    private final CircuitBreaker breaker;
    private final TimeLimiter limiter;
    private final ObjectProvider<ServiceCredentials> credentials;
    private final Duration timeout;

    QueryService(
            URI base,
            HttpClient http,
            CircuitBreaker breaker,
            TimeLimiter limiter,
            ObjectProvider<ServiceCredentials> credentials,
            Duration timeout) {
        this.base = URI.create(base.toString().replaceAll("/+$", "") + "/");
        this.http = http;
        this.breaker = breaker;
        this.limiter = limiter;
        this.credentials = credentials;
        this.timeout = timeout;
    }

    /** What query-service answered: the JSON, its refusal (4xx) as a sentence, or why there is no answer. */
    sealed interface Answer {
        record Found(JsonNode json) implements Answer {}

        record Refused(String sentence) implements Answer {}

        record Unavailable(String sentence) implements Answer {}
    }

    Answer applications() {
        return get("api/v1/applications");
    }

    Answer application(String app) {
        return get("api/v1/applications/" + encode(app));
    }

    Answer diff(String app, String from, String to) {
        return get("api/v1/applications/" + encode(app) + "/diff?from=" + encode(from) + "&to=" + encode(to));
    }

    private Answer get(String path) {
        HttpRequest request = request(base.resolve(path));
        try {
            HttpResponse<String> response = breaker.executeCallable(() ->
                    limiter.executeFutureSupplier(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                            .thenApply(QueryService::failOnServerError)));
            return answer(response);
        } catch (CallNotPermittedException e) {
            return new Answer.Unavailable("query-service failed repeatedly and is given a rest;"
                    + " try again in a minute (or ask an admin to check query-service)");
        } catch (TimeoutException e) {
            return new Answer.Unavailable(
                    "query-service did not answer within " + seconds(timeout) + "; try again in a minute");
        } catch (Exception e) {
            return new Answer.Unavailable("query-service could not be asked (" + cause(e) + "); try again later");
        }
    }

    private HttpRequest request(URI uri) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET();
        ServiceCredentials own = credentials.getIfAvailable();
        if (own != null) {
            request.header("Authorization", own.authorizationHeader());
        }
        return request.build();
    }

    private static HttpResponse<String> failOnServerError(HttpResponse<String> response) {
        if (response.statusCode() >= 500) {
            throw new ServerTrouble(response.statusCode());
        }
        return response;
    }

    private static Answer answer(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 200) {
            return new Answer.Found(MessageCodec.instance().mapper().readTree(response.body()));
        }
        String detail = detail(response.body());
        return new Answer.Refused(detail != null ? detail : "query-service answered HTTP " + status);
    }

    private static @Nullable String detail(String body) {
        try {
            JsonNode problem = MessageCodec.instance().mapper().readTree(body);
            String detail = problem.path("detail").asString("");
            return detail.isBlank() ? null : detail;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String cause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ServerTrouble trouble) {
                return "it answered HTTP " + trouble.status;
            }
            if (t instanceof IOException) {
                return "no connection: " + t.getClass().getSimpleName();
            }
        }
        return e.getClass().getSimpleName();
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A 5xx answer, thrown so that the circuit breaker counts it. */
    private static final class ServerTrouble extends RuntimeException {
        private final int status;

        ServerTrouble(int status) {
            super("HTTP " + status, null, false, false);
            this.status = status;
        }
    }
}
