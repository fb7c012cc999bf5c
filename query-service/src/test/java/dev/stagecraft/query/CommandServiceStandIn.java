package dev.stagecraft.query;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for command-service's {@code GET /api/v1/users/me} (its contract: 200 with {@code {name, roles:[{role,
 * app?}]}} for a known {@code Authorization} header, 401 otherwise), so that query-service's integration tests run
 * without command-service. The real pair is exercised by the end-to-end tests.
 */
public final class CommandServiceStandIn {

    /** A viewer of every application: what the tests read with unless they say otherwise. */
    public static final String READER_TOKEN = "sc_query-test-reader";

    /** A viewer of application {@code shop} only. */
    public static final String SHOP_VIEWER_TOKEN = "sc_query-test-shop-viewer";

    /** A user without any role. */
    public static final String NO_ROLE_TOKEN = "sc_query-test-no-role";

    private static final CommandServiceStandIn instance = new CommandServiceStandIn();

    private final HttpServer server;
    private final Map<String, String> users = new ConcurrentHashMap<>();
    private final AtomicInteger asked = new AtomicInteger();

    private CommandServiceStandIn() {
        users.put("Bearer " + READER_TOKEN, "{\"name\":\"reader\",\"roles\":[{\"role\":\"viewer\"}]}");
        users.put(
                "Bearer " + SHOP_VIEWER_TOKEN,
                "{\"name\":\"shopper\",\"roles\":[{\"role\":\"viewer\",\"app\":\"shop\"}]}");
        users.put("Bearer " + NO_ROLE_TOKEN, "{\"name\":\"nobody\",\"roles\":[]}");
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/v1/users/me", this::me);
        server.setExecutor(null);
        server.start();
    }

    public static CommandServiceStandIn instance() {
        return instance;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** How often query-service asked so far. */
    public int asked() {
        return asked.get();
    }

    /** Forgets a token, as command-service does when it is revoked. */
    public void revoke(String token) {
        users.remove("Bearer " + token);
    }

    public void add(String token, String meJson) {
        users.put("Bearer " + token, meJson);
    }

    private void me(HttpExchange exchange) throws IOException {
        asked.incrementAndGet();
        String me = users.get(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        byte[] body = (me == null ? "{\"status\":401}" : me).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(me == null ? 401 : 200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
