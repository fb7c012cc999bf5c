package dev.stagecraft.e2e;

import com.sun.net.httpserver.HttpServer;
import dev.stagecraft.contracts.MessageCodec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;

/**
 * Stands in for Slack's {@code response_url}: keeps every message command-service posts there (Slack answers
 * such a post with 200 {@code ok}).
 */
final class SlackResponses implements AutoCloseable {

    record Posted(String path, JsonNode body) {}

    final List<Posted> messages = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    SlackResponses() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            messages.add(new Posted(
                    exchange.getRequestURI().getPath(),
                    MessageCodec.instance().mapper().readTree(body)));
            byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The messages posted to {@code url(path)}, as text. */
    List<JsonNode> to(String path) {
        return messages.stream()
                .filter(posted -> posted.path().equals(path))
                .map(Posted::body)
                .toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
