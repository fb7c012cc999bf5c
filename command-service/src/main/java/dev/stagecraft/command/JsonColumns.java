package dev.stagecraft.command;

import dev.stagecraft.contracts.MessageCodec;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads and writes the JSONB columns of this service with the message codec's mapper. */
public final class JsonColumns {

    private static final JsonMapper MAPPER = MessageCodec.instance().mapper();
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() {};

    private JsonColumns() {}

    public static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    public static Map<String, String> stringMap(String json) {
        return MAPPER.readValue(json, STRING_MAP);
    }

    public static List<String> stringList(String json) {
        return MAPPER.readValue(json, STRING_LIST);
    }

    public static <T> T read(String json, Class<T> type) {
        return MAPPER.readValue(json, type);
    }
}
