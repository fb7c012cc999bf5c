import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A tiny application for the local driver's tests, run with the JDK's single-file launcher. Serves
 * GET /health -> 200 {"version":"$STAGECRAFT_VERSION"} (or $REPORTED_VERSION), 503 forever when
 * FAIL_HEALTH=true; GET / -> $GREETING; GET /cwd -> the working directory; GET /env/NAME -> the variable NAME. EXIT_EARLY=true exits with
 * code 3 at once. STARTUP_DELAY_MS waits that long before serving. LEAK=NAME prints the variable NAME and
 * adds it to every health answer, as a careless application might. Switches a test flips on the running process:
 * GET /control/fail-health -> /health answers 503 from then on; GET /control/report-version/V -> /health reports
 * version V; GET /control/heal -> both undone.
 */
public class TestApp {

    private static volatile boolean failHealth;
    private static volatile String reportedOverride;

    public static void main(String[] args) throws IOException {
        if ("true".equals(System.getenv("EXIT_EARLY"))) {
            System.out.println("boom: EXIT_EARLY is set");
            System.exit(3);
        }
        String leak = System.getenv("LEAK");
        if (leak != null) {
            System.out.println("connecting with " + leak + "=" + System.getenv(leak));
        }
        String delay = System.getenv("STARTUP_DELAY_MS");
        if (delay != null) {
            sleep(Long.parseLong(delay));
        }
        int port = Integer.parseInt(System.getenv("PORT"));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        server.createContext("/health", TestApp::health);
        server.createContext("/env/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring("/env/".length());
            String value = System.getenv(name);
            answer(exchange, value == null ? 404 : 200, value == null ? "" : value);
        });
        server.createContext("/control/", TestApp::control);
        server.createContext("/cwd", exchange -> answer(exchange, 200, System.getProperty("user.dir")));
        server.createContext("/", exchange -> answer(exchange, 200, String.valueOf(System.getenv("GREETING"))));
        server.start();
        System.out.println("TestApp " + System.getenv("STAGECRAFT_VERSION") + " listening on port " + port);
    }

    private static void control(HttpExchange exchange) throws IOException {
        String command = exchange.getRequestURI().getPath().substring("/control/".length());
        if (command.equals("fail-health")) {
            failHealth = true;
        } else if (command.equals("heal")) {
            failHealth = false;
            reportedOverride = null;
        } else if (command.startsWith("report-version/")) {
            reportedOverride = command.substring("report-version/".length());
        } else {
            answer(exchange, 404, "unknown control " + command);
            return;
        }
        answer(exchange, 200, "ok");
    }

    private static void health(HttpExchange exchange) throws IOException {
        String leak = System.getenv("LEAK");
        String leaked = leak == null ? "" : ",\"" + leak + "\":\"" + System.getenv(leak) + "\"";
        if (failHealth || "true".equals(System.getenv("FAIL_HEALTH"))) {
            answer(exchange, 503, "{\"status\":\"DOWN\"" + leaked + "}");
            return;
        }
        String reported = reportedOverride != null ? reportedOverride : System.getenv("REPORTED_VERSION");
        String version = reported != null ? reported : System.getenv("STAGECRAFT_VERSION");
        answer(exchange, 200, "{\"status\":\"UP\",\"version\":\"" + version + "\"" + leaked + "}");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
