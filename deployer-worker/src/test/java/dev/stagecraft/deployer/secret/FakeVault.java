package dev.stagecraft.deployer.secret;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.stagecraft.contracts.MessageCodec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP server that speaks the part of Vault's documented HTTP API the worker uses: reading a KV version 2
 * secret, {@code GET /v1/<mount>/data/<path>} with the token in {@code X-Vault-Token}. It answers
 * {@code 200 {"data":{"data":{…},"metadata":{…}}}}, {@code 403 {"errors":["permission denied"]}} for a missing or
 * wrong token (or namespace, if one is required, or a path it was told to {@linkplain #deny deny}), and {@code 404 {"errors":[]}} for a path without a secret.
 * Every request is recorded.
 */
public final class FakeVault implements AutoCloseable {

    /** One request as Vault received it. */
    public record Request(String method, String path, String token, String namespace) {}

    private final HttpServer server;
    private final String token;
    private final String namespace;
    private final Map<String, Map<String, String>> secrets = new ConcurrentHashMap<>();
    private final Set<String> denied = ConcurrentHashMap.newKeySet();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private FakeVault(String token, String namespace) throws IOException {
        this.token = token;
        this.namespace = namespace;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/", this::handle);
        server.start();
    }

    /** A Vault that accepts only {@code token}. */
    public static FakeVault start(String token) throws IOException {
        return new FakeVault(token, null);
    }

    /** A Vault that accepts only {@code token} in {@code namespace}. */
    public static FakeVault start(String token, String namespace) throws IOException {
        return new FakeVault(token, namespace);
    }

    public String address() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Writes a KV v2 secret: {@code mount} e.g. {@code secret}, {@code path} e.g. {@code shop/db}. */
    public FakeVault put(String mount, String path, Map<String, String> data) {
        secrets.put("/v1/" + mount + "/data/" + path, Map.copyOf(data));
        return this;
    }

    /** Refuses the secret at {@code path} even to the right token, as a policy without {@code read} on it does. */
    public FakeVault deny(String mount, String path) {
        denied.add("/v1/" + mount + "/data/" + path);
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        Request request = new Request(
                exchange.getRequestMethod(),
                exchange.getRequestURI().getPath(),
                exchange.getRequestHeaders().getFirst("X-Vault-Token"),
                exchange.getRequestHeaders().getFirst("X-Vault-Namespace"));
        requests.add(request);
        boolean permitted = token.equals(request.token())
                && (namespace == null || namespace.equals(request.namespace()))
                && !denied.contains(request.path());
        if (!permitted) {
            answer(exchange, 403, Map.of("errors", List.of("permission denied")));
            return;
        }
        Map<String, String> data = secrets.get(request.path());
        if (!request.method().equals("GET") || data == null) {
            answer(exchange, 404, Map.of("errors", List.of()));
            return;
        }
        answer(
                exchange,
                200,
                Map.of(
                        "request_id",
                        "c0ffee00-0000-4000-8000-000000000000",
                        "lease_id",
                        "",
                        "renewable",
                        false,
                        "lease_duration",
                        0,
                        "data",
                        Map.of(
                                "data",
                                data,
                                "metadata",
                                Map.of(
                                        "created_time",
                                        "2025-03-14T09:26:53.589Z",
                                        "deletion_time",
                                        "",
                                        "destroyed",
                                        false,
                                        "version",
                                        1))));
    }

    private static void answer(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = MessageCodec.instance().mapper().writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
