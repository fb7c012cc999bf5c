// Stagecraft demo application: a tiny HTTP service for the `local` driver.
// Run with a JDK 21+ source launcher:  PORT=8090 STAGECRAFT_VERSION=1.0.0 java DemoApp.java
//
// Env: PORT (8090), STAGECRAFT_VERSION ("dev"), STAGECRAFT_APP, STAGECRAFT_ENVIRONMENT,
//      DEMO_FAIL_HEALTH=true (GET /health answers 503), DEMO_STARTUP_DELAY=<ms> (sleep before listening),
//      DEMO_SHOW=A,B (extra variables to show on the page besides DEMO_*, GREETING and LOG_LEVEL).
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.*;
import java.util.concurrent.Executors;

public class DemoApp {
    static final Map<String, String> ENV = System.getenv();
    static final String VERSION = env("STAGECRAFT_VERSION", "dev");
    static final String APP = env("STAGECRAFT_APP", "demo");
    static final String ENVIRONMENT = env("STAGECRAFT_ENVIRONMENT", "local");

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(env("PORT", "8090"));
        long delay = Long.parseLong(env("DEMO_STARTUP_DELAY", "0"));
        if (delay > 0) Thread.sleep(delay);

        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/health", DemoApp::health);
        server.createContext("/", DemoApp::index);
        server.start();
        // The JVM runs shutdown hooks on SIGTERM/SIGINT: stop accepting, let requests finish
        // (up to 1 s), then exit with status 0 rather than 143, as a deliberate stop is no crash.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("demo: shutting down");
            server.stop(1);
            Runtime.getRuntime().halt(0);
        }));
        System.out.printf("demo: %s/%s version %s listening on port %d%n", APP, ENVIRONMENT, VERSION, port);
    }

    static void health(HttpExchange ex) throws IOException {
        boolean fail = "true".equalsIgnoreCase(env("DEMO_FAIL_HEALTH", "false"));
        String body = "{\"status\":\"%s\",\"version\":\"%s\",\"app\":\"%s\",\"environment\":\"%s\"}"
                .formatted(fail ? "DOWN" : "UP", json(VERSION), json(APP), json(ENVIRONMENT));
        send(ex, fail ? 503 : 200, "application/json", body);
    }

    static void index(HttpExchange ex) throws IOException {
        if (!ex.getRequestURI().getPath().equals("/")) {
            send(ex, 404, "text/plain; charset=utf-8", "not found\n");
            return;
        }
        Set<String> shown = new TreeSet<>(List.of("GREETING", "LOG_LEVEL"));
        for (String k : env("DEMO_SHOW", "").split(",")) if (!k.isBlank()) shown.add(k.trim());
        ENV.keySet().stream().filter(k -> k.startsWith("DEMO_")).forEach(shown::add);
        StringBuilder rows = new StringBuilder();
        for (String k : shown) {
            if (!ENV.containsKey(k)) continue;
            boolean secret = k.matches("(?i).*(PASSWORD|SECRET|TOKEN|KEY).*");
            rows.append("<tr><td>%s</td><td>%s</td></tr>".formatted(html(k), secret ? "••••••" : html(ENV.get(k))));
        }
        String page = """
                <!doctype html><html><head><meta charset="utf-8"><title>%1$s/%2$s</title>
                <style>body{font-family:sans-serif;margin:2em}td{padding:.2em 1em;border-bottom:1px solid #ddd}</style>
                </head><body><h1>%4$s from %1$s</h1>
                <p>environment <b>%2$s</b>, version <b>%3$s</b></p>
                <table><tr><th>variable</th><th>value</th></tr>%5$s</table></body></html>
                """.formatted(html(APP), html(ENVIRONMENT), html(VERSION), html(env("GREETING", "Hello")), rows);
        send(ex, 200, "text/html; charset=utf-8", page);
    }

    static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        try (var out = ex.getResponseBody()) { out.write(bytes); }
    }

    static String env(String name, String fallback) {
        String v = ENV.get(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    static String json(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20) b.append("\\u%04x".formatted((int) c));
            else b.append(c);
        }
        return b.toString();
    }

    static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
