package dev.stagecraft.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The REST calls of the CLI: command-service for writes, query-service for reads, each with the token. Every
 * answer that is not 2xx becomes a {@link Failure} whose sentence is the problem detail the service gave.
 */
final class Api {

    enum Service {
        COMMAND("command-service", "--command-url"),
        QUERY("query-service", "--query-url");

        final String label;
        final String flag;

        Service(String label, String flag) {
            this.label = label;
            this.flag = flag;
        }
    }

    record Reply(int status, HttpHeaders headers, @Nullable JsonNode body) {

        /** The address of {@code Link: <…>; rel="next"}, if the answer has one. */
        Optional<String> next() {
            for (String link : headers.allValues("Link")) {
                Matcher matcher = NEXT.matcher(link);
                if (matcher.find()) {
                    return Optional.of(matcher.group(1));
                }
            }
            return Optional.empty();
        }
    }

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

    private final Settings settings;
    private final HttpClient http;
    private final Duration timeout;

    Api(Settings settings) {
        this(settings, Duration.ofSeconds(30));
    }

    Api(Settings settings, Duration timeout) {
        this.settings = settings;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    HttpClient http() {
        return http;
    }

    String baseUrl(Service service) {
        return service == Service.COMMAND ? settings.commandUrl() : settings.queryUrl();
    }

    Reply get(Service service, String pathOrUrl) {
        return send(service, "GET", pathOrUrl, null);
    }

    /** A call to {@code service}; {@code pathOrUrl} is a path under its base URL or an absolute URL it gave. */
    Reply send(Service service, String method, String pathOrUrl, @Nullable JsonNode body) {
        String url = pathOrUrl.startsWith("http") ? pathOrUrl : baseUrl(service) + pathOrUrl;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + settings.requireToken());
        request = body == null
                ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(Json.write(body)));
        HttpResponse<String> response = exchange(service, request.build());
        JsonNode json = parse(response.body());
        if (response.statusCode() >= 400) {
            throw refusal(service, response.statusCode(), json);
        }
        return new Reply(response.statusCode(), response.headers(), json);
    }

    private HttpResponse<String> exchange(Service service, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(ExitCode.INTERNAL, "interrupted while waiting for " + service.label);
        } catch (IOException | UnresolvedAddressException e) {
            throw unreachable(service, baseUrl(service), e);
        }
    }

    /** The one sentence for a service that cannot be reached, naming the address and what to try. */
    static Failure unreachable(Service service, String baseUrl, Exception e) {
        return unreachable(service.label, service.flag, baseUrl, e);
    }

    static Failure unreachable(String label, String flag, String baseUrl, Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null
                && !(cause instanceof ConnectException)
                && !(cause instanceof HttpTimeoutException)) {
            cause = cause.getCause();
        }
        String why;
        if (cause instanceof HttpConnectTimeoutException) {
            why = "connection timed out";
        } else if (cause instanceof HttpTimeoutException) {
            why = "no answer in time";
        } else if (cause instanceof ConnectException) {
            why = "connection refused";
        } else if (cause instanceof UnresolvedAddressException) {
            why = "unknown host";
        } else {
            why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        }
        String host = URI.create(baseUrl).getHost();
        boolean local = host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
        String hint = local ? "is it running? try ./bootstrap/up" : "is it running, and is " + flag + " right?";
        return new Failure(
                ExitCode.UNREACHABLE, "cannot reach " + label + " at " + baseUrl + ": " + why + " — " + hint);
    }

    /** The failure for a 4xx/5xx answer: the problem's {@code detail} (else its title), and the exit code of its kind. */
    static Failure refusal(Service service, int status, @Nullable JsonNode problem) {
        String detail = problem == null ? null : Json.text(problem, "detail");
        if (detail == null && problem != null) {
            detail = Json.text(problem, "title");
        }
        if (detail == null) {
            detail = service.label + " answered HTTP " + status;
        }
        int exitCode;
        if (status == 401 || status == 403) {
            exitCode = ExitCode.AUTH;
        } else if (status >= 500) {
            exitCode = ExitCode.UNREACHABLE;
        } else {
            exitCode = ExitCode.REFUSED;
        }
        return new Failure(exitCode, detail);
    }

    private static @Nullable JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }
}
