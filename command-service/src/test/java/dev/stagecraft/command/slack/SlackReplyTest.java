package dev.stagecraft.command.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.command.intake.CommandStatus;
import dev.stagecraft.command.intake.Outcome;
import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.MessageCodec;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SlackReplyTest {

    final OutcomeReplies outcomes = new OutcomeReplies("/stagecraft");

    @Test
    void anEphemeralAnswerIsJustTypeAndText() {
        JsonNode json = json(SlackReply.ephemeral("Looking it up…"));
        assertThat(json.path("response_type").asString()).isEqualTo("ephemeral");
        assertThat(json.path("text").asString()).isEqualTo("Looking it up…");
        assertThat(json.has("blocks")).isFalse();
    }

    @Test
    void aPromotionIntoAnApprovalStageSaysHowToApprove() {
        DeploymentId deployment = DeploymentId.random();
        Outcome accepted = new Outcome(
                CommandId.random(),
                "promote",
                CommandStatus.ACCEPTED,
                deployment,
                "shop",
                "prod",
                null,
                null,
                List.of());
        SlackReply reply =
                outcomes.of(new SlackIntent.PromoteOrder("shop", "1.9.0", "prod", false), "alice", accepted, true);

        JsonNode json = json(reply);
        assertThat(json.path("response_type").asString()).isEqualTo("in_channel");
        assertThat(json.path("text").asString())
                .contains("alice: promote shop 1.9.0 to prod accepted", deployment.toString(), "awaits approval")
                .contains("/stagecraft approve " + deployment);
        assertThat(json.path("blocks").get(0).path("type").asString()).isEqualTo("section");
        assertThat(json.path("blocks").get(0).path("text").path("type").asString())
                .isEqualTo("mrkdwn");
        assertThat(json.path("blocks").toString())
                .contains("awaits approval", "an approver other than alice", "/stagecraft reject " + deployment);
    }

    @Test
    void aRejectionCarriesTheHandlersSentence() {
        Outcome rejected = new Outcome(
                CommandId.random(),
                "environment.lock",
                CommandStatus.REJECTED,
                null,
                "shop",
                "prod",
                "forbidden",
                "locking shop/prod needs the deployer role on shop; bob has viewer",
                List.of());
        JsonNode json = json(outcomes.of(new SlackIntent.LockOrder("shop", "prod", "freeze"), "bob", rejected, false));
        assertThat(json.path("text").asString())
                .isEqualTo("bob: lock shop prod was rejected: locking shop/prod needs the deployer role on shop;"
                        + " bob has viewer");
        assertThat(json.path("blocks").toString()).contains(":no_entry:", "(forbidden)");
    }

    private static JsonNode json(SlackReply reply) {
        return MessageCodec.instance().mapper().readTree(reply.json());
    }
}
