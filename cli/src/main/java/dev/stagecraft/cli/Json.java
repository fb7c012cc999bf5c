package dev.stagecraft.cli;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The one JSON mapper of the CLI and small helpers for reading answers loosely. */
final class Json {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static String write(JsonNode node) {
        return MAPPER.writeValueAsString(node);
    }

    static String pretty(JsonNode node) {
        return MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node);
    }

    /** The field as text, {@code null} when absent or JSON null. */
    static @Nullable String text(@Nullable JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isMissingNode() ? null : value.asString();
    }

    /** The field as text, {@code "-"} when absent. */
    static String show(@Nullable JsonNode node, String field) {
        String text = text(node, field);
        return text == null || text.isEmpty() ? "-" : text;
    }

    static ObjectNode map(Map<String, String> values) {
        ObjectNode node = object();
        values.forEach(node::put);
        return node;
    }
}
