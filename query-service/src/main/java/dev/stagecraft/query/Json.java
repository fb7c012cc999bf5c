package dev.stagecraft.query;

import dev.stagecraft.contracts.MessageCodec;
import dev.stagecraft.contracts.command.Stage;
import dev.stagecraft.contracts.event.EnvironmentLink;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads and writes the JSONB columns of the read model with the contracts' mapper. */
public final class Json {

    private static final JsonMapper MAPPER = MessageCodec.instance().mapper();
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {};
    private static final TypeReference<List<Stage>> STAGES = new TypeReference<>() {};
    private static final TypeReference<List<EnvironmentLink>> LINKS = new TypeReference<>() {};

    private Json() {}

    public static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    public static Map<String, String> stringMap(@Nullable String json) {
        return json == null ? Map.of() : MAPPER.readValue(json, STRING_MAP);
    }

    public static List<String> stringList(@Nullable String json) {
        return json == null ? List.of() : MAPPER.readValue(json, STRING_LIST);
    }

    public static List<Stage> stages(@Nullable String json) {
        return json == null ? List.of() : MAPPER.readValue(json, STAGES);
    }

    public static List<EnvironmentLink> links(@Nullable String json) {
        return json == null ? List.of() : MAPPER.readValue(json, LINKS);
    }

    public static JsonNode tree(String json) {
        return MAPPER.readTree(json);
    }
}
