package dev.stagecraft.bench;

import dev.stagecraft.contracts.MessageCodec;
import dev.stagecraft.testsupport.IsolatedEnvironment;
import dev.stagecraft.testsupport.TestInfrastructure;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The names of Stagecraft's durable queues in the run's virtual host, from RabbitMQ's management API. */
final class Queues {

    private Queues() {}

    static List<String> of(IsolatedEnvironment infra) {
        TestInfrastructure servers = TestInfrastructure.get();
        URI uri = URI.create("http://" + infra.rabbitHost() + ":" + servers.rabbitManagementPort + "/api/queues/"
                + URLEncoder.encode(infra.virtualHost(), StandardCharsets.UTF_8) + "?columns=name,durable");
        String credentials = Base64.getEncoder()
                .encodeToString((infra.rabbitUser() + ":" + infra.rabbitPassword()).getBytes(StandardCharsets.UTF_8));
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(uri)
                            .header("Authorization", "Basic " + credentials)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
            }
            List<String> names = new ArrayList<>();
            for (JsonNode queue : MessageCodec.instance().mapper().readTree(response.body())) {
                if (queue.path("durable").asBoolean()) {
                    names.add(queue.path("name").asString());
                }
            }
            return names;
        } catch (IOException e) {
            throw new IllegalStateException(
                    "RabbitMQ's management API is not reachable at " + uri
                            + "; enable it with rabbitmq-plugins enable rabbitmq_management",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
