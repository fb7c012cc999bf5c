package dev.stagecraft.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A database and a RabbitMQ virtual host of a test's own, so that test runs disturb neither each other
 * nor a running {@code ./bootstrap/up}. Both are dropped when the JVM exits.
 */
public final class IsolatedEnvironment implements AutoCloseable {

    private final TestInfrastructure infrastructure;
    private final String database;
    private final String virtualHost;

    private IsolatedEnvironment(TestInfrastructure infrastructure, String name) {
        this.infrastructure = infrastructure;
        this.database = name.replace('-', '_');
        this.virtualHost = name;
    }

    /** Creates a fresh database and virtual host named after {@code label} and a random suffix. */
    public static IsolatedEnvironment create(String label) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String name = "stagecraft-it-" + label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + "-" + suffix;
        IsolatedEnvironment environment = new IsolatedEnvironment(TestInfrastructure.get(), name);
        environment.createDatabase();
        environment.createVirtualHost();
        Runtime.getRuntime().addShutdownHook(new Thread(environment::drop, "drop-" + name));
        return environment;
    }

    public String jdbcUrl() {
        var pg = infrastructure.postgres;
        return "jdbc:postgresql://" + pg.host() + ":" + pg.port() + "/" + database;
    }

    public String databaseUser() {
        return infrastructure.postgres.user();
    }

    public String databasePassword() {
        return infrastructure.postgres.password();
    }

    public String rabbitHost() {
        return infrastructure.rabbit.host();
    }

    public int rabbitPort() {
        return infrastructure.rabbit.port();
    }

    public String rabbitUser() {
        return infrastructure.rabbit.user();
    }

    public String rabbitPassword() {
        return infrastructure.rabbit.password();
    }

    public String virtualHost() {
        return virtualHost;
    }

    /** Points a Spring test's datasource and RabbitMQ connection at this environment. */
    public void register(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", this::jdbcUrl);
        registry.add("spring.datasource.username", this::databaseUser);
        registry.add("spring.datasource.password", this::databasePassword);
        // The database is dropped at JVM exit, possibly while a cached context is still closing: let
        // that context give up on new connections quickly instead of hanging the fork for 30 s.
        registry.add("spring.datasource.hikari.connection-timeout", () -> "5000");
        registry.add("spring.rabbitmq.host", this::rabbitHost);
        registry.add("spring.rabbitmq.port", this::rabbitPort);
        registry.add("spring.rabbitmq.username", this::rabbitUser);
        registry.add("spring.rabbitmq.password", this::rabbitPassword);
        registry.add("spring.rabbitmq.virtual-host", this::virtualHost);
    }

    /**
     * Nothing to do at once: Spring caches test contexts beyond {@code @AfterAll}, and a context whose
     * database vanished hangs on shutdown. The database and vhost are dropped when the JVM exits.
     */
    @Override
    public void close() {}

    private synchronized void drop() {
        try {
            admin("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
            management("DELETE", "/api/vhosts/" + encode(virtualHost), null);
        } catch (RuntimeException e) {
            // best effort: a leftover test database or vhost disturbs nothing
        }
    }

    private void createDatabase() {
        admin("CREATE DATABASE \"" + database + "\"");
    }

    private void admin(String sql) {
        var pg = infrastructure.postgres;
        String url = "jdbc:postgresql://" + pg.host() + ":" + pg.port() + "/postgres";
        try (Connection connection = DriverManager.getConnection(url, pg.user(), pg.password());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on " + url + ": " + e.getMessage(), e);
        }
    }

    private void createVirtualHost() {
        var rabbit = infrastructure.rabbit;
        try {
            management("PUT", "/api/vhosts/" + encode(virtualHost), "{}");
            management(
                    "PUT",
                    "/api/permissions/" + encode(virtualHost) + "/" + encode(rabbit.user()),
                    "{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}");
        } catch (RuntimeException managementUnavailable) {
            rabbitmqctl("add_vhost", virtualHost);
            rabbitmqctl("set_permissions", "-p", virtualHost, rabbit.user(), ".*", ".*", ".*");
        }
    }

    private void management(String method, String path, String body) {
        var rabbit = infrastructure.rabbit;
        URI uri = URI.create("http://" + rabbit.host() + ":" + infrastructure.rabbitManagementPort + path);
        String credentials = Base64.getEncoder()
                .encodeToString((rabbit.user() + ":" + rabbit.password()).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(
                        method + " " + uri + " answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException(
                    "RabbitMQ management API not reachable at " + uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void rabbitmqctl(String... arguments) {
        String[] command = new String[arguments.length + 1];
        command[0] = "rabbitmqctl";
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot create a RabbitMQ virtual host: enable the management plugin "
                            + "(rabbitmq-plugins enable rabbitmq_management) or put rabbitmqctl on the PATH",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
