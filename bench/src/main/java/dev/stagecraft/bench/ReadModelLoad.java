package dev.stagecraft.bench;

import com.rabbitmq.client.AMQP;
import dev.stagecraft.contracts.MessageCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Loads query-service's read model with many environments fast: the events one real environment's creation
 * published (recorded from the bus) are replayed for each copy, with the environment's name and every id
 * (event, command, deployment, message) replaced, straight into query-service's events queue. query-service
 * consumes them as it consumes any event; only command-service and the workers never hear of the copies, which
 * the read-side workload does not ask them about.
 */
final class ReadModelLoad {

    private static final Pattern UUID_PATTERN =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final String template;
    private final List<Bus.Recorded> events;

    /**
     * @param template the name of the environment whose events were recorded
     * @param events its events, in the order they arrived
     */
    ReadModelLoad(String template, List<Bus.Recorded> events) {
        if (events.isEmpty()) {
            throw new IllegalStateException("no event of environment " + template + " was recorded");
        }
        this.template = template;
        this.events = List.copyOf(events);
    }

    int eventsPerEnvironment() {
        return events.size();
    }

    /** The template's events as environment {@code name} would have published them: new name, new ids. */
    List<Bus.Recorded> copyFor(String name) {
        Map<String, String> ids = new HashMap<>();
        List<Bus.Recorded> copies = new ArrayList<>(events.size());
        for (Bus.Recorded event : events) {
            JsonNode body = rewrite(MessageCodec.instance().mapper().readTree(event.body()), name, ids);
            AMQP.BasicProperties properties = event.properties()
                    .builder()
                    .messageId(UUID.randomUUID().toString())
                    .correlationId(
                            event.properties().getCorrelationId() == null
                                    ? null
                                    : replace(event.properties().getCorrelationId(), name, ids))
                    .build();
            copies.add(new Bus.Recorded(
                    event.routingKey(),
                    properties,
                    MessageCodec.instance().mapper().writeValueAsBytes(body)));
        }
        return copies;
    }

    /** Publishes the copies for {@code names} to {@code queue}. */
    void publish(Bus bus, String queue, List<String> names) throws IOException {
        for (int from = 0; from < names.size(); from += 100) {
            List<Bus.Recorded> batch = new ArrayList<>();
            for (String name : names.subList(from, Math.min(names.size(), from + 100))) {
                batch.addAll(copyFor(name));
            }
            bus.publishToQueue(queue, batch);
        }
    }

    private JsonNode rewrite(JsonNode node, String name, Map<String, String> ids) {
        if (node instanceof ObjectNode object) {
            ObjectNode copy = object.objectNode();
            object.properties().forEach(field -> copy.set(field.getKey(), rewrite(field.getValue(), name, ids)));
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = array.arrayNode();
            array.forEach(element -> copy.add(rewrite(element, name, ids)));
            return copy;
        }
        if (node.isString()) {
            return StringNode.valueOf(replace(node.asString(), name, ids));
        }
        return node;
    }

    /** {@code text} with the template's name replaced by {@code name} and each id by its copy's. */
    private String replace(String text, String name, Map<String, String> ids) {
        Matcher uuids = UUID_PATTERN.matcher(text.replace(template, name));
        return uuids.replaceAll(found ->
                ids.computeIfAbsent(found.group(), id -> UUID.randomUUID().toString()));
    }
}
