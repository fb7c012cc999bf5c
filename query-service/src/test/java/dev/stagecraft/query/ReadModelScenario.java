package dev.stagecraft.query;

import dev.stagecraft.contracts.MessageCodec;
import dev.stagecraft.contracts.MessageTypes;
import dev.stagecraft.contracts.Topology;
import dev.stagecraft.contracts.event.Event;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * What the integration tests of the read model share: publishing events to {@code stagecraft.events} exactly as
 * command-service and deployer-worker publish them (DESIGN.md §3 envelope), and reading the answers over REST.
 * Each subclass runs the service against a database and virtual host of its own.
 */
abstract class ReadModelScenario {

    static final String COMMAND_SERVICE = Topology.COMMAND_SERVICE;
    static final String WORKER = Topology.DEPLOYER_WORKER;
    static final String DLQ = Topology.deadLetterQueue(Topology.eventsQueue(Topology.QUERY_SERVICE));

    @LocalServerPort
    int port;

    /** query-service asks the stand-in for command-service who a caller is. */
    @DynamicPropertySource
    static void commandService(DynamicPropertyRegistry registry) {
        registry.add(
                "stagecraft.query.command-base-url",
                () -> CommandServiceStandIn.instance().baseUrl());
    }

    @Autowired
    RabbitTemplate rabbit;

    final HttpClient http = HttpClient.newHttpClient();

    // --- publishing as the producers do ---

    static Message envelope(String appId, Event event) {
        return envelope(appId, event, event.eventId().toString());
    }

    static Message envelope(String appId, Event event, String messageId) {
        return MessageBuilder.withBody(MessageCodec.instance().encode(event))
                .setContentType("application/json")
                .setContentEncoding("UTF-8")
                .setMessageId(messageId)
                .setType(MessageTypes.typeOf(event))
                .setCorrelationId(
                        event.commandId() == null ? null : event.commandId().toString())
                .setAppId(appId)
                .setTimestamp(Date.from(event.occurredAt()))
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .setHeader(Topology.VERSION_HEADER, Topology.CONTRACT_VERSION)
                .build();
    }

    static Message raw(String type, String messageId, String body) {
        return MessageBuilder.withBody(body.getBytes(StandardCharsets.UTF_8))
                .setContentType("application/json")
                .setMessageId(messageId)
                .setType(type)
                .setAppId(WORKER)
                .setHeader(Topology.VERSION_HEADER, Topology.CONTRACT_VERSION)
                .build();
    }

    /** Publishes on one channel, so the broker keeps the order. */
    void publish(List<Message> messages) {
        rabbit.invoke(operations -> {
            for (Message message : messages) {
                String type = message.getMessageProperties().getType();
                operations.send(Topology.EVENTS_EXCHANGE, type, message);
            }
            return null;
        });
    }

    void publish(Message... messages) {
        publish(List.of(messages));
    }

    void drain(Set<String> into) {
        for (Message m = rabbit.receive(DLQ); m != null; m = rabbit.receive(DLQ)) {
            into.add(m.getMessageProperties().getMessageId());
        }
    }

    // --- reading over REST ---

    record Response(int status, String contentType, String text, String challenge) {
        JsonNode json() {
            return Json.tree(text);
        }
    }

    /** A GET as a viewer of every application. */
    Response get(String path) {
        return get(path, "Bearer " + CommandServiceStandIn.READER_TOKEN);
    }

    /** A GET with this {@code Authorization} header (null: none). */
    Response get(String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body(),
                    response.headers().firstValue("WWW-Authenticate").orElse(""));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    List<String> names(String path) {
        List<String> names = new ArrayList<>();
        get(path)
                .json()
                .forEach(environment -> names.add(environment.at("/name").asString()));
        return names;
    }

    /** The ids of the events in an environment's history, newest first; empty while the environment is unknown. */
    List<String> eventIds(String app, String env) {
        Response history = get("/api/v1/applications/" + app + "/environments/" + env + "/history");
        List<String> ids = new ArrayList<>();
        if (history.status() == 200) {
            history.json().forEach(entry -> ids.add(entry.at("/eventId").asString()));
        }
        return ids;
    }

    /** True once every one of {@code events} is in its environment's history, i.e. has been applied. */
    boolean applied(Event... events) {
        for (Event event : events) {
            if (!eventIds(event.app(), event.environment())
                    .contains(event.eventId().toString())) {
                return false;
            }
        }
        return true;
    }
}
