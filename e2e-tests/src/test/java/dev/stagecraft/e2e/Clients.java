package dev.stagecraft.e2e;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.stagecraft.contracts.MessageCodec;
import dev.stagecraft.testsupport.IsolatedEnvironment;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;

/**
 * The clients a user of Stagecraft has: HTTP, a WebSocket and plain AMQP. HTTP calls authenticate as user
 * {@code admin} with {@link #ADMIN_TOKEN} (the clusters start command-service with it as bootstrap admin token)
 * unless they pass a token of their own.
 */
final class Clients {

    /** The token user {@code admin} holds in every cluster the end-to-end tests start. */
    static final String ADMIN_TOKEN = "sc_e2e-admin-token-not-for-production";

    private static final HttpClient http = HttpClient.newHttpClient();

    private Clients() {}

    record Response(int status, String contentType, JsonNode body) {}

    /** An HTTP call as user {@code admin}. */
    static Response send(String method, String url, String json) {
        return send(method, url, json, ADMIN_TOKEN);
    }

    /** An HTTP call with {@code Authorization: Bearer <token>} (null: without credentials). */
    static Response send(String method, String url, String json, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        request = json == null
                ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank()
                    ? null
                    : MessageCodec.instance().mapper().readTree(response.body());
            return new Response(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    body);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A GET whose answer is not JSON (e.g. Prometheus text); the body is left out. */
    static Response sendText(String url) {
        try {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(10))
                            .header("Authorization", "Bearer " + ADMIN_TOKEN)
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return new Response(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    null);
        } catch (IOException e) {
            throw new IllegalStateException("GET " + url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A WebSocket client that keeps every text frame it receives. */
    static final class FrameCollector implements WebSocket.Listener {

        final List<JsonNode> frames = new CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        static FrameCollector connect(String url) {
            FrameCollector collector = new FrameCollector();
            collector.socket = http.newWebSocketBuilder()
                    .buildAsync(URI.create(url), collector)
                    .join();
            return collector;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(MessageCodec.instance().mapper().readTree(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        List<String> types() {
            return frames.stream().map(frame -> frame.path("type").asString()).toList();
        }
    }

    /** A plain AMQP client: publishes like amqp-publish and watches the events exchange through its own queue. */
    static final class Amqp implements AutoCloseable {

        private final Connection connection;
        final Channel channel;
        final String eventsQueue;

        Amqp(IsolatedEnvironment infra) throws IOException, TimeoutException {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setHost(infra.rabbitHost());
            factory.setPort(infra.rabbitPort());
            factory.setUsername(infra.rabbitUser());
            factory.setPassword(infra.rabbitPassword());
            factory.setVirtualHost(infra.virtualHost());
            connection = factory.newConnection("e2e-test");
            channel = connection.createChannel();
            eventsQueue = channel.queueDeclare().getQueue();
            channel.queueBind(eventsQueue, "stagecraft.events", "#");
        }

        /** Publishes with nothing but a routing key and a JSON body, as Debian's amqp-publish does. */
        void publishBare(String exchange, String routingKey, String json) throws IOException {
            channel.basicPublish(
                    exchange, routingKey, new AMQP.BasicProperties(), json.getBytes(StandardCharsets.UTF_8));
        }

        /** Drains the events received so far into {@code sink} as {type, appId, body}. */
        void drainEvents(List<Received> sink) throws IOException {
            GetResponse response;
            while ((response = channel.basicGet(eventsQueue, true)) != null) {
                sink.add(new Received(
                        response.getProps().getType(),
                        response.getProps().getAppId(),
                        MessageCodec.instance().mapper().readTree(response.getBody())));
            }
        }

        long messageCount(String queue) throws IOException {
            return channel.queueDeclarePassive(queue).getMessageCount();
        }

        @Override
        public void close() throws IOException, TimeoutException {
            connection.close();
        }
    }

    record Received(String type, String appId, JsonNode body) {}
}
