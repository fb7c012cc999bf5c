package dev.stagecraft.notifier.stream;

import static dev.stagecraft.notifier.TestEvents.accepted;
import static dev.stagecraft.notifier.TestEvents.malformed;
import static dev.stagecraft.notifier.TestEvents.publish;
import static dev.stagecraft.notifier.TestEvents.queued;
import static dev.stagecraft.notifier.TestEvents.started;
import static dev.stagecraft.notifier.TestEvents.statusChanged;
import static dev.stagecraft.notifier.TestEvents.succeeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.MessageCodec;
import dev.stagecraft.contracts.MessageTypes;
import dev.stagecraft.contracts.Topology;
import dev.stagecraft.contracts.event.Event;
import dev.stagecraft.notifier.ClosedAfterContext;
import dev.stagecraft.notifier.TestEvents;
import dev.stagecraft.testsupport.IsolatedEnvironment;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestExecutionListeners;
import org.springframework.test.context.TestExecutionListeners.MergeMode;
import tools.jackson.databind.JsonNode;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
@TestExecutionListeners(listeners = ClosedAfterContext.class, mergeMode = MergeMode.MERGE_WITH_DEFAULTS)
class WebSocketIT {

    static final IsolatedEnvironment infra = IsolatedEnvironment.create("notifier-ws");

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        infra.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    MeterRegistry meters;

    @Autowired
    JdbcClient jdbc;

    final HttpClient http = HttpClient.newHttpClient();
    final MessageCodec codec = MessageCodec.instance();

    @Test
    void eachClientReceivesExactlyTheEventsItsFilterMatches() {
        DeploymentId watched = DeploymentId.random();
        DeploymentId other = DeploymentId.random();
        Client byEnvironment = connect("?app=shop&environment=qa");
        Client byDeployment = connect("?deploymentId=" + watched);

        Event accepted = accepted(watched, "shop", "qa");
        Event otherQueued = queued(other, "shop", "qa", 1, "1.0.0", "1.1.0");
        Event prodQueued = queued(DeploymentId.random(), "shop", "prod", 1, "1.0.0", "1.1.0");
        Event billingQueued = queued(DeploymentId.random(), "billing", "qa", 1, "2.0.0", "2.1.0");
        Event watchedQueued = queued(watched, "shop", "qa", 2, "1.1.0", "1.2.0");
        Event status = statusChanged("shop", "qa", 3);
        Event watchedStarted = started(watched, "shop", "qa", 4);
        Event otherSucceeded = succeeded(other, "shop", "qa", 5, "1.1.0", 1000);
        Event watchedSucceeded = succeeded(watched, "shop", "qa", 6, "1.2.0", 2000);

        List.of(accepted, otherQueued, prodQueued, billingQueued, watchedQueued, status)
                .forEach(e -> publish(rabbit, e));
        Message startedMessage = publish(rabbit, watchedStarted);
        publish(rabbit, startedMessage); // delivered twice: relayed once
        publish(rabbit, TestEvents.envelope("deployment.teleported", "{}".getBytes(StandardCharsets.UTF_8), "x-1"));
        publish(rabbit, otherSucceeded);
        publish(rabbit, watchedSucceeded); // the last event: both clients get it

        byEnvironment.awaitEvent(watchedSucceeded);
        byDeployment.awaitEvent(watchedSucceeded);
        assertThat(byEnvironment.eventIds())
                .containsExactlyElementsOf(ids(
                        accepted,
                        otherQueued,
                        watchedQueued,
                        status,
                        watchedStarted,
                        otherSucceeded,
                        watchedSucceeded));
        assertThat(byDeployment.eventIds())
                .containsExactlyElementsOf(ids(accepted, watchedQueued, watchedStarted, watchedSucceeded));
    }

    @Test
    void aFrameCarriesTheTypeAndTheEventAsPublished() {
        DeploymentId id = DeploymentId.random();
        Client client = connect("?deploymentId=" + id);
        Event event = succeeded(id, "shop", "staging", 9, "4.0.0", 1234);
        publish(rabbit, event);

        JsonNode frame = client.awaitEvent(event);
        assertThat(frame.propertyNames()).containsExactlyInAnyOrder("type", "event");
        assertThat(frame.get("type").asString()).isEqualTo("deployment.succeeded");
        assertThat(frame.get("event")).isEqualTo(codec.mapper().readTree(codec.encode(event)));
        assertThat(jdbc.sql("SELECT count(*) FROM slack_message")
                        .query(Long.class)
                        .single())
                .as("Slack is disabled without a token")
                .isZero();
    }

    @Test
    void malformedEventsAreDeadLettered() {
        Message bad = malformed("deployment.queued");
        publish(rabbit, bad);
        Message dead = rabbit.receive(Topology.deadLetterQueue("stagecraft.events.notifier-service"), 10_000);
        assertThat(dead).isNotNull();
        assertThat(dead.getMessageProperties().getMessageId())
                .isEqualTo(bad.getMessageProperties().getMessageId());
    }

    @Test
    void anInvalidFilterIsRefusedAtTheHandshake() {
        assertThatThrownBy(() -> http.newWebSocketBuilder()
                        .buildAsync(uri("?deploymentId=not-a-uuid"), new Client())
                        .join())
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOfSatisfying(
                        WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(400));
    }

    final List<WebSocket> sockets = new CopyOnWriteArrayList<>();

    @AfterEach
    void disconnect() {
        sockets.forEach(WebSocket::abort);
        await().until(() -> sessions() == 0);
    }

    /** Connects a client and waits until the notifier has subscribed it. */
    private Client connect(String query) {
        double before = sessions();
        Client client = new Client();
        sockets.add(http.newWebSocketBuilder().buildAsync(uri(query), client).join());
        await().until(() -> sessions() == before + 1);
        return client;
    }

    private double sessions() {
        return meters.get("stagecraft.notifier.websocket.sessions").gauge().value();
    }

    private URI uri(String query) {
        return URI.create("ws://127.0.0.1:" + port + "/ws/events" + query);
    }

    private static List<String> ids(Event... events) {
        return Arrays.stream(events).map(e -> e.eventId().toString()).toList();
    }

    /** A WebSocket client that keeps every text frame it receives. */
    final class Client implements WebSocket.Listener {

        private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(codec.mapper().readTree(partial.toString()));
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }

        JsonNode awaitEvent(Event event) {
            String id = event.eventId().toString();
            await().until(() -> eventIds().contains(id));
            JsonNode frame = frames.stream()
                    .filter(f -> f.path("event").path("eventId").asString().equals(id))
                    .findFirst()
                    .orElseThrow();
            assertThat(frame.path("type").asString()).isEqualTo(MessageTypes.typeOf(event));
            return frame;
        }

        List<String> eventIds() {
            return frames.stream()
                    .map(f -> f.path("event").path("eventId").asString())
                    .toList();
        }
    }
}
