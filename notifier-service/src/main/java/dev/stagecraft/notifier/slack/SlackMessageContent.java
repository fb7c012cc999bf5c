package dev.stagecraft.notifier.slack;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import dev.stagecraft.contracts.DeploymentStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The Slack message of a deployment: a plain-text fallback (notifications, screen readers) and Block
 * Kit blocks: a headline, fields for application, environment, stage (when it is a pipeline stage), versions,
 * actor, status (the outcome once it ended), current step with its position in the plan and a progress bar, and
 * duration, the error when it failed, and the deployment id.
 */
record SlackMessageContent(String text, List<LayoutBlock> blocks) {

    private static final int MAX_FIELD = 1900;
    private static final int MAX_SECTION = 2900;

    static SlackMessageContent of(DeploymentView view) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText(headline(view)))));
        blocks.add(section(s -> s.fields(fields(view))));
        if (failed(view)) {
            blocks.add(section(s -> s.text(markdownText(failure(view)))));
        }
        blocks.add(context(List.of(markdownText("Stagecraft deployment `" + view.deploymentId() + "`"))));
        return new SlackMessageContent(fallback(view), List.copyOf(blocks));
    }

    private static String headline(DeploymentView view) {
        return emoji(view.status()) + " *" + escape(where(view)) + "* · " + escape(change(view)) + " · *"
                + label(view.status()) + "*";
    }

    private static List<TextObject> fields(DeploymentView view) {
        List<TextObject> fields = new ArrayList<>();
        fields.add(field("Application", escape(orUnknown(view.app()))));
        fields.add(field("Environment", escape(orUnknown(view.environment()))));
        if (view.stage() != null) {
            fields.add(field("Stage", escape(view.stage())));
        }
        fields.add(field("Version", versions(view)));
        fields.add(field("Requested by", escape(view.actor())));
        fields.add(field("Status", emoji(view.status()) + " " + label(view.status())));
        if (view.step() != null) {
            fields.add(field("Step", step(view, view.step())));
        }
        if (view.durationMs() != null) {
            fields.add(field("Duration", duration(view.durationMs())));
        }
        if (view.approver() != null) {
            fields.add(field(
                    view.status() == DeploymentStatus.REJECTED ? "Rejected by" : "Approved by",
                    escape(view.approver())));
        }
        return fields;
    }

    private static TextObject field(String name, String value) {
        return markdownText("*" + name + "*\n" + truncate(value, MAX_FIELD));
    }

    private static String versions(DeploymentView view) {
        String to = code(orUnknown(view.toVersion()));
        if (view.fromVersion() != null) {
            return code(view.fromVersion()) + " → " + to;
        }
        // no queued event seen: what ran before is unknown, not absent
        return view.operation() == null ? to : to + " (first deployment)";
    }

    private static String step(DeploymentView view, DeploymentView.Step step) {
        int index = view.plan().indexOf(step.name());
        String position =
                index < 0 ? "" : " (" + (index + 1) + "/" + view.plan().size() + ")";
        String message = step.message() == null || step.message().isBlank() ? "" : "\n" + escape(step.message());
        return code(step.name()) + position + " " + step.status().name().toLowerCase(Locale.ROOT) + " · "
                + step.progress() + "%\n" + bar(step.progress()) + message;
    }

    /** Progress 0–100 as ten cells, e.g. {@code ▰▰▰▰▱▱▱▱▱▱} for 40. */
    static String bar(int progress) {
        int filled = Math.clamp(Math.round(progress / 10f), 0, 10);
        return "▰".repeat(filled) + "▱".repeat(10 - filled);
    }

    private static boolean failed(DeploymentView view) {
        return view.status() != DeploymentStatus.SUCCEEDED && (view.error() != null || view.failedStep() != null);
    }

    private static String failure(DeploymentView view) {
        String in = view.failedStep() == null ? "" : " in step " + code(view.failedStep());
        String error = view.error() == null ? "(no error message)" : escape(view.error());
        error = truncate(error.replace("```", "'''"), MAX_SECTION - 200);
        return ":warning: *Error*" + in + "\n```" + error + "```";
    }

    private static String fallback(DeploymentView view) {
        String text = where(view) + ": " + change(view) + " by " + view.actor() + " — "
                + label(view.status()).toLowerCase(Locale.ROOT);
        if (view.durationMs() != null) {
            text += " in " + duration(view.durationMs());
        }
        if (failed(view) && view.error() != null) {
            text += ": " + view.error();
        }
        return truncate(text, MAX_SECTION);
    }

    private static String where(DeploymentView view) {
        return orUnknown(view.app()) + "/" + orUnknown(view.environment());
    }

    private static String change(DeploymentView view) {
        String operation =
                view.operation() == null ? "deploy" : view.operation().name().toLowerCase(Locale.ROOT);
        String to = view.toVersion() == null ? "" : " " + view.toVersion();
        return view.fromVersion() == null || view.toVersion() == null
                ? operation + to
                : operation + " " + view.fromVersion() + " → " + view.toVersion();
    }

    static String emoji(DeploymentStatus status) {
        return switch (status) {
            case AWAITING_APPROVAL -> ":raised_hand:";
            case APPROVED -> ":ballot_box_with_check:";
            case REJECTED -> ":no_entry:";
            case QUEUED -> ":hourglass_flowing_sand:";
            case RUNNING -> ":arrows_counterclockwise:";
            case SUCCEEDED -> ":white_check_mark:";
            case FAILED -> ":x:";
            case CANCELLED -> ":no_entry_sign:";
            case SUPERSEDED -> ":fast_forward:";
        };
    }

    static String label(DeploymentStatus status) {
        String words = status.name().replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    static String duration(long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        long seconds = millis / 1000;
        if (seconds < 60) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        return minutes < 60 ? minutes + "m " + seconds % 60 + "s" : minutes / 60 + "h " + minutes % 60 + "m";
    }

    private static String code(String text) {
        return "`" + escape(text.replace("`", "'")) + "`";
    }

    private static String orUnknown(@Nullable String text) {
        return text == null ? "?" : text;
    }

    /** Slack's three control characters in mrkdwn. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
