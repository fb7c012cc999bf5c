package dev.stagecraft.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.EnvironmentStatus;
import dev.stagecraft.contracts.EventId;
import dev.stagecraft.contracts.MessageCodec;
import dev.stagecraft.contracts.MessageTypes;
import dev.stagecraft.contracts.Topology;
import dev.stagecraft.contracts.event.CommandRejected;
import dev.stagecraft.contracts.event.EnvironmentStatusChanged;
import dev.stagecraft.contracts.event.Event;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;

/**
 * What the integration tests share: taps on the jobs and events exchanges, and a small HTTP client that
 * authenticates as user {@code admin} (the bootstrap admin token) unless a request names its own
 * {@code Authorization} ({@link #as(String)}, {@link #tokenFor(String, String...)}, {@link #ANONYMOUS}).
 * Each test class brings its own {@code IsolatedEnvironment}. The context is closed after its class
 * ({@code @DirtiesContext}), so that none is left for the JVM's shutdown, when the isolated database is
 * dropped: a context closing concurrently would wait for connections to a database that is gone.
 */
@SpringBootTest(
        webEnvironment = RANDOM_PORT,
        properties = "stagecraft.auth.bootstrap-admin-token=" + ServiceITSupport.ADMIN_TOKEN)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class ServiceITSupport {

    /** The token user {@code admin} holds: command-service is started with it as its bootstrap admin token. */
    public static final String ADMIN_TOKEN = "sc_integration-test-admin-token";

    /** Headers for a request without any credentials. */
    protected static final String[] ANONYMOUS = {"Authorization", ""};

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

    protected static final String COMMANDS_DLQ = "stagecraft.commands.command-service.dlq";

    /** Registers an application with one stage {@code qa} over AMQP and waits until it is accepted. */
    protected String registeredOverAmqp() {
        String app = uniqueName("shop");
        String commandId = UUID.randomUUID().toString();
        publishBare("application.register", """
                {"commandId":"%s","actor":"ci","name":"%s","driver":"noop","defaults":{"LOG_LEVEL":"info"},
                 "pipeline":[{"environment":"qa"}]}""".formatted(commandId, app));
        await().until(() -> get("/api/v1/commands/" + commandId).status() == 200);
        assertThat(get("/api/v1/commands/" + commandId).json().get("status").stringValue())
                .isEqualTo("ACCEPTED");
        return app;
    }

    /** Publishes as amqp-publish does: a routing key and a body, no properties at all. */
    protected void publishBare(String routingKey, String json) {
        rabbit.execute(channel -> {
            channel.basicPublish(Topology.COMMANDS_EXCHANGE, routingKey, null, json.getBytes(StandardCharsets.UTF_8));
            return null;
        });
    }

    /** Publishes an event as the deployer-worker would. */
    protected void publishWorkerEvent(Event event) {
        String type = MessageTypes.typeOf(event);
        Message message = MessageBuilder.withBody(MessageCodec.instance().encode(event))
                .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .setMessageId(event.eventId().toString())
                .setType(type)
                .setAppId("deployer-worker")
                .setHeader(Topology.VERSION_HEADER, Topology.CONTRACT_VERSION)
                .build();
        rabbit.send(Topology.EVENTS_EXCHANGE, type, message);
    }

    protected void publishStatus(
            String app, String env, CommandId cause, long sequence, EnvironmentStatus to, String appId) {
        EnvironmentStatusChanged event = new EnvironmentStatusChanged(
                EventId.random(),
                Instant.now(),
                cause,
                "worker",
                app,
                env,
                sequence,
                EnvironmentStatus.CREATE_PENDING,
                to,
                "1",
                null,
                null);
        Message message = MessageBuilder.withBody(MessageCodec.instance().encode(event))
                .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .setMessageId(event.eventId().toString())
                .setType("environment.status-changed")
                .setAppId(appId)
                .setHeader(Topology.VERSION_HEADER, Topology.CONTRACT_VERSION)
                .build();
        rabbit.send(Topology.EVENTS_EXCHANGE, "environment.status-changed", message);
    }

    protected CommandRejected awaitRejection(String commandId) {
        await().until(() -> rejection(commandId) != null);
        return rejection(commandId);
    }

    private CommandRejected rejection(String commandId) {
        return events.of(CommandRejected.class).stream()
                .filter(e -> e.commandId() != null && e.commandId().toString().equals(commandId))
                .findFirst()
                .orElse(null);
    }

    private final List<String> deadLettered = new ArrayList<>();

    protected void awaitDeadLettered(String... commandIds) {
        await().until(() -> {
            Message message;
            while ((message = rabbit.receive(COMMANDS_DLQ)) != null) {
                deadLettered.add(new String(message.getBody(), StandardCharsets.UTF_8));
            }
            return List.of(commandIds).stream()
                    .allMatch(id -> deadLettered.stream().anyMatch(body -> body.contains(id)));
        });
    }

    protected Answer delete(String path, String... headers) {
        return send("DELETE", path, null, headers);
    }

    protected Answer post(String path, String json, String... headers) {
        return send("POST", path, json, headers);
    }

    protected Answer put(String path, String json, String... headers) {
        return send("PUT", path, json, headers);
    }

    protected Answer patch(String path, String json, String... headers) {
        return send("PATCH", path, json, headers);
    }

    protected Answer get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    /** The headers that authenticate a request with {@code token}. */
    protected static String[] as(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    /**
     * Makes (or remakes) user {@code name} with {@code roles} ({@code deployer} for all applications,
     * {@code deployer:shop} for one) as the admin would, and returns a new API token of that user.
     */
    private final java.util.Map<String, String> actors = new java.util.HashMap<>();

    /**
     * Headers that make {@code name} the actor of a request: user {@code name} with the admin role (made on first
     * use), so a test about who did something is not also a test of roles.
     */
    protected String[] actor(String name) {
        return as(actors.computeIfAbsent(name, user -> tokenFor(user, "admin")));
    }

    protected String tokenFor(String name, String... roles) {
        String grants = String.join(
                ",",
                java.util.Arrays.stream(roles)
                        .map(role -> role.contains(":")
                                ? "{\"role\":\"%s\",\"app\":\"%s\"}".formatted(role.split(":")[0], role.split(":")[1])
                                : "{\"role\":\"%s\"}".formatted(role))
                        .toList());
        Answer user = put("/api/v1/users/" + name, "{\"roles\":[" + grants + "]}");
        assertThat(user.status()).as(user.body()).isIn(200, 201);
        Answer token = post("/api/v1/users/" + name + "/tokens", "{\"label\":\"test\"}");
        assertThat(token.status()).as(token.body()).isEqualTo(201);
        return token.json().get("token").stringValue();
    }

    private Answer send(String method, String path, String json, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        boolean ownAuthorization = false;
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i].equalsIgnoreCase("Authorization")) {
                ownAuthorization = true;
                if (headers[i + 1].isEmpty()) {
                    continue;
                }
            }
            request.header(headers[i], headers[i + 1]);
        }
        if (!ownAuthorization) {
            request.header("Authorization", "Bearer " + ADMIN_TOKEN);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location").orElse(null),
                    response.body(),
                    response.headers().firstValue("WWW-Authenticate").orElse(""));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An HTTP answer. */
    protected record Answer(int status, String contentType, String location, String body, String challenge) {

        public JsonNode json() {
            return MessageCodec.instance().mapper().readTree(body);
        }
    }
}
