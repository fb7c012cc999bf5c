package dev.stagecraft.notifier.slack;

import com.sun.net.httpserver.HttpExchange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What Slack's documentation requires of a {@code chat.postMessage} / {@code chat.update} call as the
 * Slack SDK makes it: POST under {@code /api/}, {@code Authorization: Bearer <bot token>}, arguments
 * form-encoded ({@code application/x-www-form-urlencoded}), {@code channel} and {@code text} or
 * {@code blocks} (with blocks also {@code text}, their fallback), {@code ts} for an update, and {@code blocks} a JSON array (sent as a string) of 1–50
 * blocks that each have a {@code type}, sections with text or at most 10 fields of mrkdwn/plain_text.
 */
final class SlackRequestRules {

    private static final Set<String> BLOCK_TYPES = Set.of("section", "context", "header", "divider", "actions");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SlackRequestRules() {}

    /** What is wrong with a request; empty if Slack would accept its shape. */
    static List<String> check(HttpExchange exchange, String method, Map<String, String> form, String token) {
        List<String> wrong = new ArrayList<>();
        if (!exchange.getRequestMethod().equals("POST")) {
            wrong.add("HTTP method is " + exchange.getRequestMethod() + ", not POST");
        }
        if (!exchange.getRequestURI().getPath().startsWith("/api/")) {
            wrong.add("path " + exchange.getRequestURI().getPath() + " is not under /api/");
        }
        if (!List.of("chat.postMessage", "chat.update").contains(method)) {
            wrong.add("unexpected method " + method);
        }
        if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            wrong.add("Authorization is " + exchange.getRequestHeaders().getFirst("Authorization"));
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.startsWith("application/x-www-form-urlencoded")) {
            wrong.add("Content-Type is " + contentType + ", not application/x-www-form-urlencoded");
        }
        if (form.getOrDefault("channel", "").isBlank()) {
            wrong.add("channel is missing");
        }
        if (form.getOrDefault("text", "").isBlank()
                && form.getOrDefault("blocks", "").isBlank()) {
            wrong.add("neither text nor blocks");
        }
        if (form.containsKey("blocks") && form.getOrDefault("text", "").isBlank()) {
            // Slack: with blocks, text is the fallback for notifications and accessibility (a warning otherwise)
            wrong.add("blocks without the text fallback");
        }
        if (method.equals("chat.update") && form.getOrDefault("ts", "").isBlank()) {
            wrong.add("ts is missing");
        }
        if (form.containsKey("blocks")) {
            wrong.addAll(checkBlocks(form.get("blocks")));
        }
        return wrong;
    }

    private static List<String> checkBlocks(String blocks) {
        List<String> wrong = new ArrayList<>();
        JsonNode tree;
        try {
            tree = JSON.readTree(blocks);
        } catch (RuntimeException e) {
            return List.of("blocks is not JSON: " + e.getMessage());
        }
        if (!tree.isArray() || tree.isEmpty() || tree.size() > 50) {
            return List.of("blocks is not an array of 1 to 50 blocks: " + blocks);
        }
        for (JsonNode block : tree) {
            String type = block.path("type").asString("");
            if (!BLOCK_TYPES.contains(type)) {
                wrong.add("block without a known type: " + block);
            }
            if (type.equals("section")) {
                wrong.addAll(checkSection(block));
            }
            if (type.equals("context") && !block.path("elements").isArray()) {
                wrong.add("context without elements: " + block);
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
            if (!Set.of("mrkdwn", "plain_text").contains(type)
                    || text.path("text").asString("").isBlank()) {
                wrong.add("text object must be mrkdwn or plain_text with text: " + text);
            }
        }
        return wrong;
    }
}
