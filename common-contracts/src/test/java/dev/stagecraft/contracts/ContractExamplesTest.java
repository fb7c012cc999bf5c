package dev.stagecraft.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.fail;

import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.stagecraft.contracts.command.Command;
import dev.stagecraft.contracts.command.Stage;
import dev.stagecraft.contracts.event.ApplicationSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps the JSON Schemas ({@code src/main/resources/schemas}), the records and the example messages
 * ({@code src/test/resources/examples}) in step.
 *
 * <p><b>Example file names:</b> {@code <type>.json} or {@code <type>__<variant>.json}, e.g.
 * {@code environment.create.json}, {@code environment.create__minimal.json}. The type is the file
 * name without {@code .json} up to the first {@code __} (message types never contain {@code _}).
 * Files under {@code examples/valid} must be accepted; files under {@code examples/invalid} must be
 * refused, and {@link #OFFENDING_FIELD} names the field each one's problems must start with.
 *
 * <p><b>Round trip:</b> a valid example decodes to its record, re-encodes, and the re-encoded JSON
 * equals the original as a tree once both are {@linkplain #withoutDefaults normalized}: properties
 * that are {@code null}, {@code false}, {@code {}} or {@code []} are dropped on both sides, because
 * an absent field, an explicit null and the record's default (empty collection, {@code false}) mean
 * the same on the wire. The re-encoded JSON must also pass the schema and decode to an equal record.
 */
class ContractExamplesTest {

    private static final MessageCodec CODEC = MessageCodec.instance();
    private static final String VARIANT_SEPARATOR = "__";
    private static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

    /** Invalid example (file name without .json) → the field its problems must name first. */
    private static final Map<String, String> OFFENDING_FIELD = Map.ofEntries(
            Map.entry("environment.create__missing-version", "version"),
            Map.entry("environment.create__app-not-dns-label", "app"),
            Map.entry("environment.create__environment-too-long", "environment"),
            Map.entry("environment.create__ttl-not-iso-duration", "ttl"),
            Map.entry("environment.create__missing-command-id", "commandId"),
            Map.entry("environment.create__override-not-string", "overrides.REPLICAS"),
            Map.entry("application.register__stage-not-dns-label", "pipeline[0].environment"),
            Map.entry("promote__missing-actor", "actor"),
            Map.entry("deployment.succeeded__event-id-not-uuid", "eventId"),
            Map.entry("deployment.succeeded__link-without-url", "links[0].url"),
            Map.entry("environment.status-changed__unknown-status", "to"),
            Map.entry("deployment.step-changed__progress-over-100", "progress"),
            Map.entry("command.accepted__occurred-at-not-instant", "occurredAt"),
            Map.entry("job.deployment__unknown-operation", "operation"));

    /** Shared object definitions in common.schema.json that mirror a record. */
    private static final Map<String, Class<?>> COMMON_DEFS =
            Map.of("stage", Stage.class, "applicationSpec", ApplicationSpec.class);

    // ---- examples

    @ParameterizedTest(name = "{0}")
    @MethodSource("validExamples")
    void validExampleRoundTripsThroughTheCodec(Path file) throws IOException {
        String type = typeOf(file);
        byte[] original = Files.readAllBytes(file);
        JsonNode originalTree = CODEC.parse(original);

        assertThat(CODEC.validate(type, originalTree)).as("schema problems").isEmpty();
        Object decoded = CODEC.decode(type, original);
        assertThat(decoded).isInstanceOf(MessageTypes.classOf(type).orElseThrow());
        assertThat(MessageTypes.typeOf(decoded)).isEqualTo(type);

        byte[] reencoded = CODEC.encode(decoded);
        JsonNode reencodedTree = CODEC.parse(reencoded);
        assertThat(CODEC.validate(type, reencodedTree))
                .as("schema problems of the codec's own output")
                .isEmpty();
        assertThat(withoutDefaults(reencodedTree)).isEqualTo(withoutDefaults(originalTree));
        assertThat(CODEC.decode(type, reencoded)).isEqualTo(decoded);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidExamples")
    void invalidExampleIsRefusedNamingTheField(Path file) throws IOException {
        String name = baseName(file);
        String field = OFFENDING_FIELD.get(name);
        assertThat(field)
                .as("expected offending field of %s in OFFENDING_FIELD", name)
                .isNotNull();
        byte[] body = Files.readAllBytes(file);

        assertThatExceptionOfType(InvalidMessageException.class)
                .isThrownBy(() -> CODEC.decode(typeOf(file), body))
                .satisfies(e -> {
                    assertThat(e.code()).isEqualTo("schema-violation");
                    assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith(field + ": "));
                });
    }

    @Test
    void everyMessageTypeHasAValidExample() {
        Set<String> covered = validExamples().map(n -> typeOf(n.getPayload())).collect(Collectors.toSet());
        assertThat(covered).containsAll(MessageTypes.all());
    }

    @Test
    void everyExpectedRefusalHasItsInvalidExample() {
        Set<String> files = invalidExamples().map(n -> baseName(n.getPayload())).collect(Collectors.toSet());
        assertThat(files).containsExactlyInAnyOrderElementsOf(OFFENDING_FIELD.keySet());
    }

    @Test
    void typeNamesCannotBeConfusedWithTheVariantSeparator() {
        assertThat(MessageTypes.all()).allSatisfy(type -> assertThat(type).matches("[a-z][a-z.-]*"));
    }

    // ---- schemas

    @Test
    void everyTypeHasASchemaAndEverySchemaFileBelongsToAType() {
        Set<String> schemaTypes = listJson("schemas")
                .map(p -> p.getFileName().toString().replaceFirst("\\.schema\\.json$", ""))
                .filter(name -> !name.equals("common"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(schemaTypes).containsExactlyInAnyOrderElementsOf(MessageTypes.all());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemaFiles")
    void schemaIsAValidDraft202012SchemaWhoseReferencesResolve(Path file) {
        JsonNode schema = readJson(file);
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
        assertThat(registry.getSchema(SchemaLocation.of(DIALECT)).validate(schema))
                .as("meta-schema problems")
                .isEmpty();
        assertThat(schema.path("$schema").asString()).isEqualTo(DIALECT);
        assertThat(schema.path("title").asString()).isNotBlank();
        assertThat(schema.path("description").asString()).isNotBlank();

        JsonNode common = readJson(resource("schemas/common.schema.json"));
        for (String ref : valuesOf(schema, "$ref")) {
            assertThat(ref).as("relative reference into common.schema.json").matches("(common\\.schema\\.json)?#/.*");
            JsonNode target = ref.startsWith("#") ? schema : common;
            assertThat(target.at(ref.substring(ref.indexOf('#') + 1)).isMissingNode())
                    .as("%s resolves", ref)
                    .isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messageTypes")
    void schemaDescribesEveryFieldOfTheRecordAndRequiresTheMandatoryOnes(String type) {
        JsonNode schema = readJson(resource("schemas/" + type + ".schema.json"));
        assertThat(schema.path("type").asString()).isEqualTo("object");
        assertSchemaMatchesRecord(schema, MessageTypes.classOf(type).orElseThrow());
        if (isCommand(type)) {
            assertThat(requiredOf(schema)).contains("commandId", "actor");
        }
    }

    @Test
    void sharedObjectDefinitionsMatchTheirRecords() {
        JsonNode defs = readJson(resource("schemas/common.schema.json")).path("$defs");
        COMMON_DEFS.forEach((name, record) -> assertSchemaMatchesRecord(defs.path(name), record));
    }

    @Test
    void schemasAcceptUnknownFields() {
        listJson("schemas").forEach(file -> {
            JsonNode schema = readJson(file);
            assertThat(valuesOf(schema, "additionalProperties"))
                    .as("%s must not refuse unknown fields", file.getFileName())
                    .doesNotContain("false");
            assertThat(valuesOf(schema, "unevaluatedProperties"))
                    .as("%s must not refuse unknown fields", file.getFileName())
                    .doesNotContain("false");
        });
    }

    // ---- sources

    static Stream<Named<Path>> validExamples() {
        return listJson("examples/valid").map(p -> Named.of(p.getFileName().toString(), p));
    }

    static Stream<Named<Path>> invalidExamples() {
        return listJson("examples/invalid").map(p -> Named.of(p.getFileName().toString(), p));
    }

    static Stream<Named<Path>> schemaFiles() {
        return listJson("schemas").map(p -> Named.of(p.getFileName().toString(), p));
    }

    static Stream<Arguments> messageTypes() {
        return MessageTypes.all().stream().map(Arguments::of);
    }

    // ---- helpers

    /** The message type of an example file: its name without .json, up to the first "__". */
    static String typeOf(Path file) {
        String name = baseName(file);
        int variant = name.indexOf(VARIANT_SEPARATOR);
        String type = variant < 0 ? name : name.substring(0, variant);
        if (MessageTypes.classOf(type).isEmpty()) {
            fail("%s does not start with a known message type (found '%s')", file.getFileName(), type);
        }
        return type;
    }

    private static String baseName(Path file) {
        return file.getFileName().toString().replaceFirst("\\.json$", "");
    }

    /** A copy without properties that are null, false, {} or [] (after normalizing their contents). */
    static JsonNode withoutDefaults(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode copy = CODEC.mapper().createObjectNode();
            object.properties().forEach(property -> {
                JsonNode value = withoutDefaults(property.getValue());
                boolean isDefault = value.isNull()
                        || (value.isBoolean() && !value.booleanValue())
                        || (value.isContainer() && value.isEmpty());
                if (!isDefault) {
                    copy.set(property.getKey(), value);
                }
            });
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = CODEC.mapper().createArrayNode();
            array.values().forEach(element -> copy.add(withoutDefaults(element)));
            return copy;
        }
        return node;
    }

    /**
     * The schema lists every record component; it requires those that are neither {@code @Nullable},
     * nor boolean flags (absent means false), nor collections the record defaults to empty.
     */
    private static void assertSchemaMatchesRecord(JsonNode schema, Class<?> record) {
        assertThat(schema.path("properties").propertyNames())
                .as("properties of the schema of %s", record.getSimpleName())
                .containsExactlyInAnyOrderElementsOf(componentNames(record));
        assertThat(requiredOf(schema))
                .as("required of the schema of %s", record.getSimpleName())
                .containsExactlyInAnyOrderElementsOf(mandatoryComponents(record));
    }

    private static List<String> componentNames(Class<?> record) {
        return Arrays.stream(record.getRecordComponents())
                .map(RecordComponent::getName)
                .toList();
    }

    private static List<String> mandatoryComponents(Class<?> record) {
        Object blank = blankInstance(record);
        return Arrays.stream(record.getRecordComponents())
                .filter(c -> !c.getAnnotatedType().isAnnotationPresent(Nullable.class))
                .filter(c -> c.getType().isPrimitive() ? c.getType() != boolean.class : valueOf(c, blank) == null)
                .map(RecordComponent::getName)
                .toList();
    }

    /** The record built from nulls, zeros and false: what a message with no fields would decode to. */
    private static Object blankInstance(Class<?> record) {
        Class<?>[] types = Arrays.stream(record.getRecordComponents())
                .map(RecordComponent::getType)
                .toArray(Class<?>[]::new);
        Object[] args =
                Arrays.stream(types).map(ContractExamplesTest::blankValue).toArray();
        try {
            Constructor<?> canonical = record.getDeclaredConstructor(types);
            return canonical.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot build a blank " + record.getSimpleName(), e);
        }
    }

    private static @Nullable Object blankValue(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        if (type.isPrimitive()) {
            throw new AssertionError("add a blank value for " + type);
        }
        return null;
    }

    private static @Nullable Object valueOf(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static List<String> requiredOf(JsonNode schema) {
        return schema.path("required").valueStream().map(JsonNode::asString).toList();
    }

    private static boolean isCommand(String type) {
        return Command.class.isAssignableFrom(MessageTypes.classOf(type).orElseThrow());
    }

    /** Every value of a keyword anywhere in a schema, as text (strings) or JSON (anything else). */
    private static List<String> valuesOf(JsonNode schema, String keyword) {
        List<String> values = new ArrayList<>();
        collect(schema, keyword, values);
        return values;
    }

    private static void collect(JsonNode node, String keyword, List<String> into) {
        if (node.isObject() && node.has(keyword)) {
            into.add(
                    node.get(keyword).isString()
                            ? node.get(keyword).asString()
                            : node.get(keyword).toString());
        }
        node.values().forEach(child -> collect(child, keyword, into));
    }

    private static JsonNode readJson(Path file) {
        try {
            return CODEC.mapper().readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Path> listJson(String directory) {
        try (Stream<Path> files = Files.list(resource(directory))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path resource(String name) {
        try {
            var url = ContractExamplesTest.class.getClassLoader().getResource(name);
            assertThat(url).as("resource %s", name).isNotNull();
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
