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
 * code 3 at once.
 */
public class TestApp {

    public static void main(String[] args) throws IOException {
        if ("true".equals(System.getenv("EXIT_EARLY"))) {
            System.out.println("boom: EXIT_EARLY is set");
            System.exit(3);
        }
        int port = Integer.parseInt(System.getenv("PORT"));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        server.createContext("/health", TestApp::health);
        server.createContext("/env/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring("/env/".length());
            String value = System.getenv(name);
            answer(exchange, value == null ? 404 : 200, value == null ? "" : value);
        });
        server.createContext("/cwd", exchange -> answer(exchange, 200, System.getProperty("user.dir")));
        server.createContext("/", exchange -> answer(exchange, 200, String.valueOf(System.getenv("GREETING"))));
        server.start();
        System.out.println("TestApp " + System.getenv("STAGECRAFT_VERSION") + " listening on port " + port);
    }

    private static void health(HttpExchange exchange) throws IOException {
        if ("true".equals(System.getenv("FAIL_HEALTH"))) {
            answer(exchange, 503, "{\"status\":\"DOWN\"}");
            return;
        }
        String reported = System.getenv("REPORTED_VERSION");
        String version = reported != null ? reported : System.getenv("STAGECRAFT_VERSION");
        answer(exchange, 200, "{\"status\":\"UP\",\"version\":\"" + version + "\"}");
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
