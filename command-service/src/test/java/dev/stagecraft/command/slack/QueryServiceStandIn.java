package dev.stagecraft.command.slack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for query-service's read API with the JSON its README documents for {@code GET /applications},
 * {@code GET /applications/shop} (the pipeline matrix) and {@code GET /applications/shop/diff?from=qa&to=prod};
 * anything else is answered as query-service answers an unknown application (404 problem details). Records the
 * {@code Authorization} header of every request. (The real query-service is exercised by the E2E suite.)
 */
final class QueryServiceStandIn implements AutoCloseable {

    static final String APPLICATIONS = """
            [{"name":"shop","repository":"https://git.example/acme/shop.git","driver":"local",
              "stages":["development","qa","staging","prod"],"environmentCount":2,
              "registeredAt":"2026-03-14T09:00:01Z","updatedAt":"2026-03-14T09:00:01Z"},
             {"name":"billing","repository":null,"driver":"local","stages":["qa","prod"],"environmentCount":0,
              "registeredAt":"2026-03-14T09:00:01Z","updatedAt":"2026-03-14T09:00:01Z"}]""";

    static final String SHOP = """
            {"name":"shop","repository":"https://git.example/acme/shop.git","driver":"local",
             "driverSettings":{"command":"java bootstrap/demo-app/DemoApp.java","healthPath":"/health"},
             "defaults":{"LOG_LEVEL":"info"},"registeredBy":"alice",
             "registeredAt":"2026-03-14T09:00:01Z","updatedAt":"2026-03-14T09:00:01Z",
             "pipeline":[
              {"stage":"development","environment":"development","requiresApproval":false,"autoPromote":false,
               "branch":"develop","version":"1.9.0","desiredVersion":"1.9.0","status":"RUNNING",
               "statusReason":"1.9.0 is healthy","updatedAt":"2026-03-14T09:00:19Z",
               "lastDeployment":{"id":"f9dba0d6-5996-4ef3-8dc2-26381f20c20b","operation":"DEPLOY","status":"SUCCEEDED",
                                 "version":"1.9.0","actor":"alice","requestedAt":"2026-03-14T09:00:12Z",
                                 "finishedAt":"2026-03-14T09:00:19Z"},
               "queued":[{"deploymentId":"0c8e2f4a-7c3e-4f53-9a55-0d1f2b6e8a11","operation":"DEPLOY",
                          "toVersion":"2.0.0","position":1,"actor":"bob"}]},
              {"stage":"qa","environment":"qa","requiresApproval":false,"autoPromote":false,"branch":null,
               "version":null,"desiredVersion":null,"status":null,"statusReason":null,"updatedAt":null,
               "lastDeployment":null,"queued":[]},
              {"stage":"prod","environment":"prod","requiresApproval":true,"autoPromote":false,"branch":null,
               "version":"1.8.0","desiredVersion":"1.8.0","status":"RUNNING","statusReason":null,
               "updatedAt":"2026-03-13T09:00:19Z",
               "lastDeployment":{"id":"5b1d7c90-1111-4ef3-8dc2-26381f20c20b","operation":"DEPLOY","status":"SUCCEEDED",
                                 "version":"1.8.0","actor":"carol","requestedAt":"2026-03-13T09:00:12Z",
                                 "finishedAt":"2026-03-13T09:00:19Z"},
               "queued":[]}],
             "environments":[{"app":"shop","name":"review-1432"}]}""";

    static final String DIFF = """
            {"app":"shop",
             "from":{"environment":"qa","stage":"qa","desiredVersion":"1.9.0","version":"1.9.0",
                     "commit":"3f2a9c1d","ref":"refs/tags/1.9.0","status":"RUNNING"},
             "to":{"environment":"prod","stage":"prod","desiredVersion":"1.8.0","version":"1.8.0",
                   "commit":"9b1e4c7a","ref":"9b1e4c7a","status":"RUNNING"},
             "inSync":false,
             "overrides":{"added":{"FEATURE_X":"on"},"removed":{"OLD_FLAG":"yes"},
                          "changed":{"LOG_LEVEL":{"from":"debug","to":"info"}}},
             "secrets":{"API_TOKEN":"changed","DB_PASSWORD":"unchanged","NEW_TOKEN":"added"},
             "repository":"https://git.example/acme/shop.git",
             "commits":[{"sha":"3f2a9c1d","shortSha":"3f2a9c1","author":"Cid","date":"2026-03-14T08:12:00Z",
                         "subject":"add the checkout"},
                        {"sha":"1a2b3c4d","shortSha":"1a2b3c4","author":"Bob","date":"2026-03-13T08:12:00Z",
                         "subject":"add the cart"}],
             "divergentCommits":[],"commitsTruncated":false,"commitsError":null,
             "command":{"method":"PATCH","path":"/api/v1/applications/shop/environments/prod",
                        "body":{"version":"1.9.0"},
                        "text":"PATCH /api/v1/applications/shop/environments/prod {\\"version\\":\\"1.9.0\\"}",
                        "promotion":{"method":"POST","path":"/api/v1/applications/shop/promotions",
                                     "body":{"version":"1.9.0","to":"prod"},
                                     "text":"POST /api/v1/applications/shop/promotions"},
                        "secrets":"secrets differ"}}""";

    private final HttpServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    private QueryServiceStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/", this::handle);
        server.start();
    }

    static QueryServiceStandIn start() {
        try {
            return new QueryServiceStandIn();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            String target = exchange.getRequestURI().toString();
            switch (target) {
                case "/api/v1/applications" -> respond(exchange, 200, "application/json", APPLICATIONS);
                case "/api/v1/applications/shop" -> respond(exchange, 200, "application/json", SHOP);
                case "/api/v1/applications/shop/diff?from=qa&to=prod" ->
                    respond(exchange, 200, "application/json", DIFF);
                default -> {
                    String app = target.replaceFirst("^/api/v1/applications/([^/?]+).*$", "$1");
                    respond(exchange, 404, "application/problem+json", """
                            {"title":"Application not found","status":404,
                             "detail":"application %s is unknown to query-service; list applications with GET /api/v1/applications",
                             "instance":"%s"}""".formatted(app, target));
                }
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
