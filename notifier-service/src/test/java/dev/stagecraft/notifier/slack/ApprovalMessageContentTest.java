package dev.stagecraft.notifier.slack;

import static dev.stagecraft.notifier.TestEvents.approved;
import static dev.stagecraft.notifier.TestEvents.awaitingApproval;
import static dev.stagecraft.notifier.TestEvents.cancelled;
import static dev.stagecraft.notifier.TestEvents.queued;
import static dev.stagecraft.notifier.TestEvents.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.util.json.GsonFactory;
import dev.stagecraft.contracts.DeploymentId;
import org.junit.jupiter.api.Test;

class ApprovalMessageContentTest {

    final DeploymentId id = DeploymentId.random();
    final DeploymentView awaiting = DeploymentView.of(awaitingApproval(id, "shop", "prod", 7, "1.8.0", "1.9.0"));

    @Test
    void aRequestSaysWhatWhereWhoAndHowToAnswer() {
        SlackMessageContent content = ApprovalMessageContent.of(awaiting, "/stagecraft");

        assertThat(content.text())
                .isEqualTo("Approval needed: shop/prod 1.8.0 → 1.9.0 requested by alice — /stagecraft approve " + id
                        + " or /stagecraft reject " + id);
        assertThat(json(content))
                .contains(":raised_hand: *Approval needed* · shop/prod · `1.8.0` → `1.9.0`")
                .contains("*Stage*\\nprod", "*Requested by*\\nalice")
                .contains("An approver other than alice answers with `/stagecraft approve " + id
                        + "` or `/stagecraft reject " + id + " [comment]`");
    }

    @Test
    void anAnsweredRequestSaysWhoAnsweredAndDropsTheCommands() {
        SlackMessageContent yes = ApprovalMessageContent.of(
                awaiting.apply(approved(id, "shop", "prod", 8, "1.8.0", "1.9.0", "ship it")), "/stagecraft");
        assertThat(yes.text()).startsWith("Approved: shop/prod 1.8.0 → 1.9.0 requested by alice — by bob");
        assertThat(json(yes))
                .contains(":ballot_box_with_check: *Approved*", "Approved by *bob*: “ship it”")
                .doesNotContain("/stagecraft approve");

        SlackMessageContent no = ApprovalMessageContent.of(
                awaiting.apply(rejected(id, "shop", "prod", 8, "1.8.0", "1.9.0", "not on a Friday")), "/stagecraft");
        assertThat(json(no)).contains(":no_entry: *Rejected*", "Rejected by *bob*: “not on a Friday”");

        SlackMessageContent withdrawn =
                ApprovalMessageContent.of(awaiting.apply(cancelled(id, "shop", "prod", 8, "1.9.0")), "/stagecraft");
        assertThat(withdrawn.text()).endsWith("— cancelled");
        assertThat(json(withdrawn)).contains("Approval no longer needed", "was cancelled before anyone answered");

        SlackMessageContent movedOn = ApprovalMessageContent.of(
                awaiting.apply(queued(id, "shop", "prod", 9, "1.8.0", "1.9.0")), "/stagecraft");
        assertThat(movedOn.text()).startsWith("Approved:");
    }

    @Test
    void deploymentMessagesShowTheStageAndAProgressBar() {
        assertThat(SlackMessageContent.bar(0)).isEqualTo("▱▱▱▱▱▱▱▱▱▱");
        assertThat(SlackMessageContent.bar(40)).isEqualTo("▰▰▰▰▱▱▱▱▱▱");
        assertThat(SlackMessageContent.bar(100)).isEqualTo("▰▰▰▰▰▰▰▰▰▰");
        assertThat(json(SlackMessageContent.of(awaiting))).contains("*Stage*\\nprod", "`1.8.0` → `1.9.0`");
        DeploymentView staged =
                DeploymentView.of(queued(id, "shop", "qa", 1, "1.7.0", "1.8.0")).inStage("qa");
        assertThat(staged.inStage("other").stage()).isEqualTo("qa");
        assertThat(json(SlackMessageContent.of(staged))).contains("*Stage*\\nqa");
    }

    private static String json(SlackMessageContent content) {
        return GsonFactory.createSnakeCase().toJson(content.blocks()).replace("\\u0026", "&");
    }
}
