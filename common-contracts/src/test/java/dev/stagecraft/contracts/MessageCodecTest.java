package dev.stagecraft.contracts;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.stagecraft.contracts.command.CreateEnvironment;
import dev.stagecraft.contracts.command.Promote;
import dev.stagecraft.contracts.job.CancelJob;
import dev.stagecraft.contracts.job.DeploymentJob;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class MessageCodecTest {

    private static final MessageCodec CODEC = MessageCodec.instance();
    private static final String PROMOTE = """
            {"commandId":"6f1c8a2e-3b4d-4e5f-9a0b-1c2d3e4f5a6b","actor":"alice","app":"shop","version":"1.9.0"}""";

    @Test
    void refusesAnUnknownType() {
        assertThatExceptionOfType(InvalidMessageException.class)
                .isThrownBy(() -> CODEC.decode("environment.explode", bytes(PROMOTE)))
                .satisfies(e -> {
                    assertThat(e.code()).isEqualTo("unknown-type");
                    assertThat(e.problems()).singleElement().asString().contains("environment.explode");
                });
    }

    @Test
    void refusesMalformedJson() {
        assertThatExceptionOfType(InvalidMessageException.class)
                .isThrownBy(() -> CODEC.decode("promote", bytes("{\"commandId\": ")))
                .extracting(InvalidMessageException::code)
                .isEqualTo("malformed-json");
    }

    @Test
    void refusesJsonThatIsNotAnObject() {
        assertThatExceptionOfType(InvalidMessageException.class)
                .isThrownBy(() -> CODEC.decode("promote", bytes("[\"promote\"]")))
                .extracting(InvalidMessageException::code)
                .isEqualTo("malformed-json");
    }

    @Test
    void ignoresUnknownFields() {
        String withExtras =
                PROMOTE.replace("}", ",\"priority\":\"high\",\"x-future\":{\"nested\":[1,2,3]},\"version2\":null}");

        Promote promote = CODEC.decode(Promote.class, bytes(withExtras));

        assertThat(promote).isEqualTo(CODEC.decode(Promote.class, bytes(PROMOTE)));
        assertThat(promote.force()).isFalse();
        assertThat(promote.to()).isNull();
    }

    @Test
    void writesTypedIdsInstantsAndDurationsAsIsoStrings() {
        CommandId commandId = CommandId.parse("6f1c8a2e-3b4d-4e5f-9a0b-1c2d3e4f5a6b");
        var create = new CreateEnvironment(
                commandId, "alice", "shop", "review-1432", "1.8.0", null, null, null, Duration.ofHours(72), null, null);

        JsonNode json = CODEC.mapper().readTree(CODEC.encode(create));

        assertThat(json.path("commandId").asString()).isEqualTo(commandId.toString());
        assertThat(json.path("ttl").asString()).isEqualTo("PT72H");
        assertThat(json.path("overrides").isObject()).isTrue();
        assertThat(CODEC.validate("environment.create", json)).isEmpty();

        DeploymentJob job = deployJob();
        JsonNode jobJson = CODEC.mapper().readTree(CODEC.encode(job));
        assertThat(jobJson.path("requestedAt").asString()).isEqualTo("2025-03-14T09:26:52.101Z");
        assertThat(jobJson.path("operation").asString()).isEqualTo("DEPLOY");
    }

    @Test
    void readsIsoDurationsWithDays() {
        String create = """
                {"commandId":"6f1c8a2e-3b4d-4e5f-9a0b-1c2d3e4f5a6b","actor":"alice","app":"shop",
                 "environment":"review-1432","version":"1.8.0","ttl":"P2DT12H"}""";

        CreateEnvironment decoded = CODEC.decode(CreateEnvironment.class, bytes(create));

        assertThat(decoded.ttl()).isEqualTo(Duration.ofHours(60));
        assertThat(decoded.overrides()).isEmpty();
        assertThat(decoded.tags()).isEmpty();
    }

    @Test
    void routesDeploymentJobsByOperation() {
        assertThat(MessageTypes.routingKeyOf(deployJob())).isEqualTo("job.deploy");
        assertThat(MessageTypes.typeForRoutingKey("job.archive")).isEqualTo("job.deployment");
        assertThat(MessageTypes.typeForRoutingKey("job.cancel")).isEqualTo("job.cancel");
        assertThat(MessageTypes.routingKeyOf(new CancelJob(DeploymentId.random(), CommandId.random(), "alice")))
                .isEqualTo("job.cancel");
        assertThat(MessageTypes.typeForRoutingKey("environment.create")).isEqualTo("environment.create");
    }

    private static DeploymentJob deployJob() {
        return new DeploymentJob(
                DeploymentId.random(),
                CommandId.random(),
                "alice",
                "shop",
                "review-1432",
                Operation.DEPLOY,
                "1.8.0",
                null,
                Map.of("LOG_LEVEL", "debug"),
                Map.of(),
                "local",
                Map.of("healthPath", "/health"),
                Map.of(),
                Instant.parse("2025-03-14T09:26:52.101Z"));
    }

    private static byte[] bytes(String json) {
        return json.getBytes(UTF_8);
    }
}
