package dev.stagecraft.command.slack;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.model.block.LayoutBlock;
import dev.stagecraft.command.intake.Outcome;
import java.util.ArrayList;
import java.util.List;

/**
 * The in-channel message that tells what became of a command sent from Slack: accepted (with the
 * deployment it caused, and for a promotion into a stage that requires approval, how to approve or reject
 * it) or rejected (with the handler's sentence).
 */
final class OutcomeReplies {

    private final String command;

    OutcomeReplies(String command) {
        this.command = command;
    }

    SlackReply of(SlackIntent.Order order, String actor, Outcome outcome, boolean awaitsApproval) {
        return outcome.isAccepted() ? accepted(order, actor, outcome, awaitsApproval) : rejected(order, actor, outcome);
    }

    private SlackReply accepted(SlackIntent.Order order, String actor, Outcome outcome, boolean awaitsApproval) {
        String headline =
                ":white_check_mark: *" + Mrkdwn.escape(actor) + "*: `" + Mrkdwn.code(order.describe()) + "` accepted";
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(headline))));
        String text = actor + ": " + order.describe() + " accepted";
        if (outcome.deploymentId() != null) {
            String deployment = outcome.deploymentId().toString();
            String where = outcome.app() + "/" + outcome.environment();
            text += " (deployment " + deployment + " of " + where + ")";
            if (awaitsApproval) {
                String approve = command + " approve " + deployment;
                String reject = command + " reject " + deployment + " [comment]";
                blocks.add(section(s -> s.text(markdownText(":raised_hand: Deployment `" + deployment + "` to *"
                        + Mrkdwn.escape(where) + "* awaits approval: an approver other than "
                        + Mrkdwn.escape(actor) + " answers with `" + approve + "` or `" + Mrkdwn.code(reject)
                        + "`"))));
                text += " awaits approval: " + approve + " or " + reject;
            } else {
                blocks.add(section(s -> s.text(markdownText("Deployment `" + deployment + "` of *"
                        + Mrkdwn.escape(where) + "* is on its way; its progress is posted here as it runs"))));
            }
        }
        blocks.add(context(List.of(markdownText("command `" + outcome.commandId() + "`"))));
        return SlackReply.inChannel(text, blocks);
    }

    private SlackReply rejected(SlackIntent.Order order, String actor, Outcome outcome) {
        String reason = outcome.message() == null ? "no reason given" : outcome.message();
        String headline = ":no_entry: *" + Mrkdwn.escape(actor) + "*: `" + Mrkdwn.code(order.describe())
                + "` was rejected (" + outcome.code() + ")";
        List<LayoutBlock> blocks = List.of(
                section(s -> s.text(markdownText(headline))),
                section(s -> s.text(markdownText(Mrkdwn.truncate(Mrkdwn.escape(reason))))),
                context(List.of(markdownText("command `" + outcome.commandId() + "`"))));
        return SlackReply.inChannel(actor + ": " + order.describe() + " was rejected: " + reason, blocks);
    }
}
