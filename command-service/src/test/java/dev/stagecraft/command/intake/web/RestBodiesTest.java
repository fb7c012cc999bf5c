package dev.stagecraft.command.intake.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.command.Problem;
import dev.stagecraft.command.RejectionCode;
import dev.stagecraft.command.intake.web.Requests.CreateEnvironmentRequest;
import dev.stagecraft.command.intake.web.Requests.RegisterApplicationRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RestBodiesTest {

    @Test
    void malformedJsonIsExplainedWithoutQuotingTheBody() {
        assertThatThrownBy(() -> read("{\"name\":\"qa\", \"secretOverrides\": {\"DB\": hunter2}}"))
                .isInstanceOfSatisfying(RestBodies.UnreadableBody.class, e -> {
                    assertThat(e.code()).isEqualTo(RejectionCode.MALFORMED);
                    assertThat(e.getMessage()).startsWith("the request body is not valid JSON (line 1, column");
                    assertThat(e.getMessage()).doesNotContain("hunter2");
                });
    }

    @Test
    void aFieldOfTheWrongTypeIsNamed() {
        assertThatThrownBy(() -> read("{\"name\":\"qa\", \"overrides\": [\"x\"]}"))
                .isInstanceOfSatisfying(RestBodies.UnreadableBody.class, e -> {
                    assertThat(e.code()).isEqualTo(RejectionCode.INVALID);
                    assertThat(e.problems())
                            .containsExactly(new Problem(
                                    "overrides", "has the wrong JSON type; expected an object of string values"));
                });
        assertThatThrownBy(() -> RestBodies.read(
                        bytes(
                                "{\"name\":\"shop\",\"pipeline\":[{\"environment\":\"qa\",\"autoPromote\":\"hunter2\"}]}"),
                        RegisterApplicationRequest.class))
                .isInstanceOfSatisfying(RestBodies.UnreadableBody.class, e -> {
                    assertThat(e.problems()).extracting(Problem::field).containsExactly("pipeline[0].autoPromote");
                    assertThat(e.getMessage()).doesNotContain("hunter2");
                });
    }

    @Test
    void anEmptyBodyOrANonObjectIsMalformed() {
        assertThatThrownBy(() -> RestBodies.read(null, CreateEnvironmentRequest.class))
                .hasMessageStartingWith("the request body is empty");
        assertThatThrownBy(() -> read("[1, 2]")).hasMessageStartingWith("the request body must be a JSON object");
        assertThatThrownBy(() -> read("null")).hasMessageStartingWith("the request body must be a JSON object");
    }

    @Test
    void unknownFieldsAreIgnored() {
        assertThat(read("{\"name\":\"qa\",\"version\":\"1\",\"future\":true}").version())
                .isEqualTo("1");
    }

    private static CreateEnvironmentRequest read(String json) {
        return RestBodies.read(bytes(json), CreateEnvironmentRequest.class);
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
