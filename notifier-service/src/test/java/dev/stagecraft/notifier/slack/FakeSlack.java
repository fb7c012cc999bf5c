package dev.stagecraft.notifier.slack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stands in for Slack's Web API at {@code /api/}: checks every request the way Slack documents
 * {@code chat.postMessage} and {@code chat.update} (POST, {@code Authorization: Bearer xoxb-…}, form-encoded
 * arguments, required arguments, {@code blocks} a URL-encoded JSON array of typed blocks) and answers as
 * Slack does: {@code {"ok":true,"channel":…,"ts":…,"message":{…}}}, or {@code {"ok":false,"error":…}}, or
 * HTTP 429 with {@code Retry-After}. What it found wrong is in {@link #problems()}.
 */
final class FakeSlack implements AutoCloseable {

    static final String TOKEN = "xoxb-1234-5678-stagecraft-test";

    /** One request as received, with Slack's answer. */
    record Call(String method, Map<String, String> form, int status, String answer, Instant at) {

        String blocks() {
            return form.getOrDefault("blocks", "");
        }

        boolean ok() {
            return status == 200 && answer.contains("\"ok\":true");
        }
    }

    private record Failure(String method, String textContains, int status, String body, String retryAfter) {}

    private static final Map<String, String> CHANNEL_IDS =
            Map.of("#deployments", "C0DEPLOYS1", "#billing", "C0BILLING1");

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final List<Failure> failures = new CopyOnWriteArrayList<>();
    private final Set<String> messages = ConcurrentHashMap.newKeySet();
    private final AtomicLong clock = new AtomicLong(1503435956_000247L);

    private FakeSlack() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    static FakeSlack start() {
        try {
            return new FakeSlack();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Calls about one deployment (its id is in the message's context block). */
    List<Call> callsFor(Object deploymentId) {
        return calls.stream()
                .filter(c -> c.blocks().contains(deploymentId.toString()))
                .toList();
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    /** Answers the next {@code method} call whose text contains {@code textContains} with HTTP 429. */
    void rateLimitNext(String method, String textContains, int retryAfterSeconds) {
        failures.add(new Failure(
                method,
                textContains,
                429,
                "{\"ok\":false,\"error\":\"ratelimited\"}",
                String.valueOf(retryAfterSeconds)));
    }

    /** Answers the next {@code method} call whose text contains {@code textContains} with {@code ok:false}. */
    void refuseNext(String method, String textContains, String error) {
        failures.add(new Failure(method, textContains, 200, "{\"ok\":false,\"error\":\"" + error + "\"}", null));
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestURI().getPath().replaceFirst("^/api/", "");
            Map<String, String> form =
                    parseForm(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            List<String> wrong = SlackRequestRules.check(exchange, method, form, TOKEN);
            Answer answer = wrong.isEmpty() ? answer(method, form) : new Answer(200, invalid(wrong), null);
            problems.addAll(wrong.stream().map(p -> method + ": " + p).toList());
            calls.add(new Call(method, form, answer.status, answer.body, Instant.now()));
            respond(exchange, answer);
        }
    }

    private record Answer(int status, String body, String retryAfter) {}

    private Answer answer(String method, Map<String, String> form) {
        for (Failure failure : failures) {
            if (failure.method.equals(method)
                    && form.getOrDefault("text", "").contains(failure.textContains)
                    && failures.remove(failure)) {
                return new Answer(failure.status, failure.body, failure.retryAfter);
            }
        }
        return method.equals("chat.postMessage") ? posted(form) : updated(form);
    }

    private Answer posted(Map<String, String> form) {
        String channel = CHANNEL_IDS.getOrDefault(form.get("channel"), form.get("channel"));
        long stamp = clock.incrementAndGet();
        String ts = (stamp / 1_000_000) + "." + String.format("%06d", stamp % 1_000_000);
        messages.add(channel + "/" + ts);
        ObjectNode message = json.createObjectNode()
                .put("text", form.get("text"))
                .put("username", "Stagecraft")
                .put("bot_id", "B123ABC456")
                .put("type", "message")
                .put("subtype", "bot_message")
                .put("ts", ts);
        ObjectNode body =
                json.createObjectNode().put("ok", true).put("channel", channel).put("ts", ts);
        body.set("message", message);
        return new Answer(200, json.writeValueAsString(body), null);
    }

    private Answer updated(Map<String, String> form) {
        String channel = form.get("channel");
        String ts = form.get("ts");
        if (!messages.contains(channel + "/" + ts)) {
            problems.add("chat.update of unknown message " + channel + "/" + ts);
            return new Answer(200, "{\"ok\":false,\"error\":\"message_not_found\"}", null);
        }
        ObjectNode message =
                json.createObjectNode().put("text", form.get("text")).put("user", "U34567890");
        ObjectNode body = json.createObjectNode()
                .put("ok", true)
                .put("channel", channel)
                .put("ts", ts)
                .put("text", form.get("text"));
        body.set("message", message);
        return new Answer(200, json.writeValueAsString(body), null);
    }

    private static String invalid(List<String> wrong) {
        return "{\"ok\":false,\"error\":\"invalid_arguments\",\"problems\":" + wrong.size() + "}";
    }

    private static void respond(HttpExchange exchange, Answer answer) throws IOException {
        byte[] body = answer.body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        if (answer.retryAfter != null) {
            exchange.getResponseHeaders().set("Retry-After", answer.retryAfter);
        }
        exchange.sendResponseHeaders(answer.status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static Map<String, String> parseForm(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.put(name, value);
        }
        return form;
    }
}
