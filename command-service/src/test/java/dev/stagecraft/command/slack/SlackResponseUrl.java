package dev.stagecraft.command.slack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.stagecraft.contracts.MessageCodec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;

/**
 * Stands in for the {@code response_url} Slack hands a slash command ({@code https://hooks.slack.com/commands/…}):
 * records each follow-up and checks it as Slack documents ("Responding to slash commands"): POST, JSON
 * ({@code Content-Type: application/json}), {@code response_type} {@code ephemeral} or {@code in_channel},
 * {@code text} and/or {@code blocks}, blocks an array of at most 50 typed Block Kit blocks whose text objects
 * are {@code mrkdwn} or {@code plain_text} (headers {@code plain_text} only) within Slack's length limits.
 * Answers {@code 200 ok} like Slack.
 */
final class SlackResponseUrl implements AutoCloseable {

    /** One follow-up as received. */
    record FollowUp(String path, JsonNode json) {

        String responseType() {
            return json.path("response_type").asString("");
        }

        String text() {
            return json.path("text").asString("");
        }

        String blocks() {
            return json.path("blocks").toString();
        }
    }

    private static final Set<String> BLOCK_TYPES = Set.of("section", "context", "header", "divider", "actions");

    private final HttpServer server;
    private final List<FollowUp> received = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();

    private SlackResponseUrl() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/commands/", this::handle);
        server.start();
    }

    static SlackResponseUrl start() {
        try {
            return new SlackResponseUrl();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh response_url, as Slack gives one per invocation. */
    String newUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/commands/T0STAGE/" + UUID.randomUUID();
    }

    Optional<FollowUp> to(String url) {
        return received.stream().filter(f -> url.endsWith(f.path())).findFirst();
    }

    List<FollowUp> all() {
        return List.copyOf(received);
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            List<String> wrong = check(exchange, body);
            problems.addAll(wrong);
            if (wrong.isEmpty()) {
                received.add(new FollowUp(
                        exchange.getRequestURI().getPath(),
                        MessageCodec.instance().mapper().readTree(body)));
            }
            byte[] answer = (wrong.isEmpty() ? "ok" : "invalid_payload").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(wrong.isEmpty() ? 200 : 400, answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    private static List<String> check(HttpExchange exchange, String body) {
        List<String> wrong = new ArrayList<>();
        if (!"POST".equals(exchange.getRequestMethod())) {
            wrong.add("method " + exchange.getRequestMethod() + " is not POST");
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.startsWith("application/json")) {
            wrong.add("Content-Type " + contentType + " is not application/json");
        }
        JsonNode json;
        try {
            json = MessageCodec.instance().mapper().readTree(body);
        } catch (RuntimeException e) {
            wrong.add("body is not JSON: " + body);
            return wrong;
        }
        String type = json.path("response_type").asString("");
        if (!Set.of("ephemeral", "in_channel").contains(type)) {
            wrong.add("response_type '" + type + "' is neither ephemeral nor in_channel: " + body);
        }
        if (json.path("text").asString("").isBlank() && !json.has("blocks")) {
            wrong.add("neither text nor blocks: " + body);
        }
        if (json.has("blocks")) {
            wrong.addAll(checkBlocks(json.get("blocks")));
        }
        return wrong;
    }

    private static List<String> checkBlocks(JsonNode blocks) {
        List<String> wrong = new ArrayList<>();
        if (!blocks.isArray() || blocks.isEmpty() || blocks.size() > 50) {
            return List.of("blocks is not an array of 1 to 50 blocks: " + blocks);
        }
        for (JsonNode block : blocks) {
            String type = block.path("type").asString("");
            if (!BLOCK_TYPES.contains(type)) {
                wrong.add("block of unknown type: " + block);
            }
            switch (type) {
                case "header" -> {
                    if (!"plain_text".equals(block.path("text").path("type").asString(""))
                            || block.path("text").path("text").asString("").length() > 150) {
                        wrong.add("a header's text is plain_text of at most 150 characters: " + block);
                    }
                }
                case "section" -> wrong.addAll(checkSection(block));
                case "context" -> {
                    if (!block.path("elements").isArray()
                            || block.path("elements").isEmpty()) {
                        wrong.add("context without elements: " + block);
                    }
                }
                default -> {}
            }
        }
        return wrong;
    }

    private static List<String> checkSection(JsonNode section) {
        List<String> wrong = new ArrayList<>();
        if (!section.has("text") && !section.has("fields")) {
            wrong.add("section without text or fields: " + section);
        }
        List<JsonNode> texts = new ArrayList<>();
        if (section.has("text")) {
            texts.add(section.get("text"));
        }
        section.path("fields").forEach(texts::add);
        if (section.path("fields").size() > 10) {
            wrong.add("section with more than 10 fields");
        }
        for (JsonNode text : texts) {
            String type = text.path("type").asString("");
            String value = text.path("text").asString("");
            if (!Set.of("mrkdwn", "plain_text").contains(type) || value.isBlank() || value.length() > 3000) {
                wrong.add("text object must be mrkdwn or plain_text with 1 to 3000 characters: " + text);
            }
        }
        return wrong;
    }
}
