package dev.stagecraft.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.AMQP;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadModelLoadTest {

    static final String COMMAND = "6f1c0e2a-1111-4222-8333-444455556666";
    static final String DEPLOYMENT = "0b7d9a10-aaaa-4bbb-8ccc-dddddddddddd";

    @Test
    void aCopyHasTheNewNameAndNewIdsThatStayConsistentAcrossItsEvents() {
        ReadModelLoad load = new ReadModelLoad(
                "review-template",
                List.of(
                        recorded(
                                "command.accepted",
                                "{\"eventId\":\"11111111-2222-4333-8444-555555555555\",\"commandId\":\"" + COMMAND
                                        + "\",\"app\":\"bench\",\"environment\":\"review-template\","
                                        + "\"deploymentId\":\"" + DEPLOYMENT + "\",\"sequence\":1}"),
                        recorded(
                                "deployment.succeeded",
                                "{\"eventId\":\"99999999-2222-4333-8444-555555555555\",\"commandId\":\"" + COMMAND
                                        + "\",\"app\":\"bench\",\"environment\":\"review-template\","
                                        + "\"deploymentId\":\"" + DEPLOYMENT + "\",\"sequence\":2,"
                                        + "\"links\":[{\"url\":\"noop://review-template/" + DEPLOYMENT + "\"}]}")));

        List<Bus.Recorded> copy = load.copyFor("review-00007");
        List<Bus.Recorded> other = load.copyFor("review-00008");

        String accepted = body(copy.get(0));
        String succeeded = body(copy.get(1));
        assertThat(accepted + succeeded)
                .doesNotContain("review-template")
                .doesNotContain(COMMAND)
                .doesNotContain(DEPLOYMENT)
                .contains("\"environment\":\"review-00007\"")
                .contains("\"sequence\":1")
                .contains("\"sequence\":2");
        String newDeployment = deploymentId(accepted);
        assertThat(deploymentId(succeeded)).isEqualTo(newDeployment);
        assertThat(succeeded).contains("noop://review-00007/" + newDeployment);
        assertThat(deploymentId(body(other.get(0)))).isNotEqualTo(newDeployment);
        assertThat(copy.get(0).properties().getMessageId())
                .isNotEqualTo("m-1")
                .isNotEqualTo(other.get(0).properties().getMessageId());
        assertThat(copy.get(0).properties().getCorrelationId())
                .isNotEqualTo(COMMAND)
                .isEqualTo(copy.get(1).properties().getCorrelationId());
        assertThat(copy.get(1).properties().getType()).isEqualTo("deployment.succeeded");
    }

    @Test
    void nothingRecordedIsAClearError() {
        assertThatThrownBy(() -> new ReadModelLoad("review-template", List.of()))
                .hasMessage("no event of environment review-template was recorded");
    }

    private static Bus.Recorded recorded(String type, String json) {
        return new Bus.Recorded(
                type,
                new AMQP.BasicProperties.Builder()
                        .type(type)
                        .messageId("m-1")
                        .correlationId(COMMAND)
                        .build(),
                json.getBytes(StandardCharsets.UTF_8));
    }

    private static String body(Bus.Recorded recorded) {
        return new String(recorded.body(), StandardCharsets.UTF_8);
    }

    private static String deploymentId(String json) {
        int at = json.indexOf("\"deploymentId\":\"") + "\"deploymentId\":\"".length();
        return json.substring(at, json.indexOf('"', at));
    }
}
