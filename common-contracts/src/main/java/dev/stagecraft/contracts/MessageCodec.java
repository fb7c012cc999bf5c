package dev.stagecraft.contracts;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON codec of Stagecraft messages. Decoding checks the body against the type's JSON Schema
 * first, so a missing required field or a wrong value is refused with a sentence that names it;
 * unknown fields are ignored for forward compatibility.
 */
public final class MessageCodec {

    private static final MessageCodec INSTANCE = new MessageCodec();

    private final JsonMapper mapper = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // Jackson 3 enables this by default; absent boolean flags (promote.force, stage.autoPromote…)
            // mean false. Mandatory numbers are guarded by the schemas' "required".
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .build();
    // JSON_PATH locations ($.spec.pipeline[0].environment) are what describe() turns into field names;
    // networknt 3.x defaults to JSON Pointer (/spec/pipeline/0/environment).
    private final SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(
                    SchemaRegistryConfig.builder().pathType(PathType.JSON_PATH).build()));
    private final Map<String, Schema> schemaByType = new ConcurrentHashMap<>();

    private MessageCodec() {}

    public static MessageCodec instance() {
        return INSTANCE;
    }

    /** The mapper used for messages; services may use it for their own JSON of the same records. */
    public JsonMapper mapper() {
        return mapper;
    }

    public byte[] encode(Object message) {
        return mapper.writeValueAsBytes(message);
    }

    public String encodeToString(Object message) {
        return mapper.writeValueAsString(message);
    }

    /** Decodes and validates a message of a known type, refusing what its schema refuses. */
    public Object decode(String type, byte[] body) {
        Class<?> messageClass = MessageTypes.classOf(type)
                .orElseThrow(() ->
                        new InvalidMessageException("unknown-type", List.of("unknown message type '" + type + "'")));
        JsonNode tree = parse(body);
        List<String> problems = validate(type, tree);
        if (!problems.isEmpty()) {
            throw new InvalidMessageException("schema-violation", problems);
        }
        try {
            return mapper.treeToValue(tree, messageClass);
        } catch (JacksonException e) {
            throw new InvalidMessageException("schema-violation", List.of(e.getOriginalMessage()));
        }
    }

    public <T> T decode(Class<T> messageClass, byte[] body) {
        return messageClass.cast(decode(MessageTypes.typeOf(messageClass), body));
    }

    /** The schema problems of a JSON document of a type, as sentences naming the field; empty if valid. */
    public List<String> validate(String type, JsonNode tree) {
        return schemaFor(type).validate(tree).stream()
                .map(MessageCodec::describe)
                .toList();
    }

    public JsonNode parse(byte[] body) {
        try {
            JsonNode tree = mapper.readTree(body);
            if (tree == null || !tree.isObject()) {
                throw new InvalidMessageException("malformed-json", List.of("the body must be a JSON object"));
            }
            return tree;
        } catch (JacksonException e) {
            throw new InvalidMessageException(
                    "malformed-json", List.of("the body is not valid JSON: " + e.getOriginalMessage()));
        }
    }

    private Schema schemaFor(String type) {
        return schemaByType.computeIfAbsent(
                type, t -> schemas.getSchema(SchemaLocation.of("classpath:schemas/" + t + ".schema.json")));
    }

    private static String describe(Error error) {
        String location = error.getInstanceLocation().toString();
        String field = error.getProperty() != null ? join(location, error.getProperty()) : location;
        String message = error.getMessage();
        // networknt prefixes messages with the instance location; keep one, in our field notation.
        int colon = message.indexOf(": ");
        String sentence = colon >= 0 && message.startsWith("$") ? message.substring(colon + 2) : message;
        return fieldName(field) + ": " + sentence;
    }

    private static String join(String location, String property) {
        return location.equals("$") ? "$." + property : location + "." + property;
    }

    private static String fieldName(String jsonPath) {
        return jsonPath.equals("$") ? "(body)" : jsonPath.replaceFirst("^\\$\\.", "");
    }
}
