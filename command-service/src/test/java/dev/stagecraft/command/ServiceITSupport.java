package dev.stagecraft.command;

import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import dev.stagecraft.contracts.MessageCodec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;

/**
 * What the integration tests share: taps on the jobs and events exchanges, and a small HTTP client.
 * Each test class brings its own {@code IsolatedEnvironment}. The context is closed after its class
 * ({@code @DirtiesContext}), so that none is left for the JVM's shutdown, when the isolated database is
 * dropped: a context closing concurrently would wait for connections to a database that is gone.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class ServiceITSupport {

    @LocalServerPort
    protected int port;

    @Autowired
    protected RabbitTemplate rabbit;

    @Autowired
    protected AmqpAdmin admin;

    @Autowired
    protected JdbcClient jdbc;

    protected Tap jobs;
    protected Tap events;

    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void tapExchanges() {
        jobs = new Tap(rabbit, admin, "stagecraft.jobs", "job.*");
        events = new Tap(rabbit, admin, "stagecraft.events", "#");
    }

    @AfterEach
    void removeTaps() {
        jobs.close();
        events.close();
    }

    /** An application name no other test uses. */
    protected static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected Answer post(String path, String json, String... headers) {
        return send("POST", path, json, headers);
    }

    protected Answer patch(String path, String json, String... headers) {
        return send("PATCH", path, json, headers);
    }

    protected Answer get(String path) {
        return send("GET", path, null);
    }

    private Answer send(String method, String path, String json, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location").orElse(null),
                    response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An HTTP answer. */
    protected record Answer(int status, String contentType, String location, String body) {

        public JsonNode json() {
            return MessageCodec.instance().mapper().readTree(body);
        }
    }
}
