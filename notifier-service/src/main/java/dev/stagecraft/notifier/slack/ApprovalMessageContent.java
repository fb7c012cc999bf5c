package dev.stagecraft.notifier.slack;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The Slack message that asks for a deployment's approval: what would be deployed where (version from → to,
 * stage), who asked, and the slash commands that answer it; once answered, it says who approved or rejected it
 * (and what they said), or that it was cancelled, and the commands are gone.
 */
final class ApprovalMessageContent {

    private ApprovalMessageContent() {}

    static SlackMessageContent of(DeploymentView view, String command) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(headline(view)))));
        blocks.add(section(s -> s.fields(fields(view))));
        blocks.add(section(s -> s.text(markdownText(answer(view, command)))));
        blocks.add(context(List.of(markdownText("Stagecraft deployment `" + view.deploymentId() + "`"))));
        return new SlackMessageContent(fallback(view, command), List.copyOf(blocks));
    }

    /** Where the request stands; a deployment past approval (queued, running, ended) was approved. */
    private static State state(DeploymentView view) {
        return switch (view.status()) {
            case AWAITING_APPROVAL -> State.AWAITING;
            case REJECTED -> State.REJECTED;
            case CANCELLED, SUPERSEDED -> view.approver() == null ? State.WITHDRAWN : State.APPROVED;
            default -> State.APPROVED;
        };
    }

    private enum State {
        AWAITING(":raised_hand:", "Approval needed"),
        APPROVED(":ballot_box_with_check:", "Approved"),
        REJECTED(":no_entry:", "Rejected"),
        WITHDRAWN(":no_entry_sign:", "Approval no longer needed");

        final String emoji;
        final String label;

        State(String emoji, String label) {
            this.emoji = emoji;
            this.label = label;
        }
    }

    private static String headline(DeploymentView view) {
        return state(view).emoji + " *" + state(view).label + "* · " + SlackMessageContent.escape(where(view)) + " · "
                + versions(view);
    }

    private static List<TextObject> fields(DeploymentView view) {
        List<TextObject> fields = new ArrayList<>();
        fields.add(field("Application", SlackMessageContent.escape(orUnknown(view.app()))));
        fields.add(field("Stage", SlackMessageContent.escape(orUnknown(stage(view)))));
        fields.add(field("Version", versions(view)));
        fields.add(field("Requested by", SlackMessageContent.escape(view.actor())));
        return fields;
    }

    private static String answer(DeploymentView view, String command) {
        String said = view.comment() == null ? "" : ": “" + SlackMessageContent.escape(view.comment()) + "”";
        return switch (state(view)) {
            case AWAITING ->
                "An approver other than " + SlackMessageContent.escape(view.actor()) + " answers with `" + command
                        + " approve " + view.deploymentId() + "` or `" + command + " reject " + view.deploymentId()
                        + " [comment]`";
            case APPROVED -> "Approved by *" + SlackMessageContent.escape(orUnknown(view.approver())) + "*" + said;
            case REJECTED -> "Rejected by *" + SlackMessageContent.escape(orUnknown(view.approver())) + "*" + said;
            case WITHDRAWN ->
                "The deployment was " + SlackMessageContent.label(view.status()).toLowerCase(Locale.ROOT)
                        + " before anyone answered; nothing to approve";
        };
    }

    private static String fallback(DeploymentView view, String command) {
        String text =
                state(view).label + ": " + where(view) + " " + plainVersions(view) + " requested by " + view.actor();
        return switch (state(view)) {
            case AWAITING ->
                text + " — " + command + " approve " + view.deploymentId() + " or " + command + " reject "
                        + view.deploymentId();
            case APPROVED, REJECTED -> text + " — by " + orUnknown(view.approver());
            case WITHDRAWN ->
                text + " — " + SlackMessageContent.label(view.status()).toLowerCase(Locale.ROOT);
        };
    }

    private static TextObject field(String name, String value) {
        return markdownText("*" + name + "*\n" + value);
    }

    private static String where(DeploymentView view) {
        return orUnknown(view.app()) + "/" + orUnknown(view.environment());
    }

    private static @Nullable String stage(DeploymentView view) {
        return view.stage() != null ? view.stage() : view.environment();
    }

    private static String versions(DeploymentView view) {
        String to = "`" + SlackMessageContent.escape(orUnknown(view.toVersion())) + "`";
        return view.fromVersion() == null ? to : "`" + SlackMessageContent.escape(view.fromVersion()) + "` → " + to;
    }

    private static String plainVersions(DeploymentView view) {
        String to = orUnknown(view.toVersion());
        return view.fromVersion() == null ? to : view.fromVersion() + " → " + to;
    }

    private static String orUnknown(@Nullable String text) {
        return text == null ? "?" : text;
    }
}
