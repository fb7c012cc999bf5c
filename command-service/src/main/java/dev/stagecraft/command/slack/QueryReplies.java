package dev.stagecraft.command.slack;

import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;

import com.slack.api.model.block.LayoutBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Block Kit messages of query-service's answers (its README documents the JSON): the applications, one
 * application's pipeline matrix, and the diff of two environments with the command that would level them.
 */
final class QueryReplies {

    /** Slack allows 50 blocks per message; a long list is cut with a note. */
    private static final int MAX_ROWS = 40;

    private static final int MAX_COMMITS = 10;

    private final String command;

    QueryReplies(String command) {
        this.command = command;
    }

    SlackReply applications(JsonNode apps) {
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText("Applications (" + apps.size() + ")"))));
        List<String> lines = new ArrayList<>();
        for (JsonNode app : apps) {
            List<String> stages = new ArrayList<>();
            app.path("stages").forEach(stage -> stages.add(stage.asString("")));
            lines.add("*" + Mrkdwn.escape(app.path("name").asString("?")) + "* · "
                    + (stages.isEmpty() ? "no pipeline" : Mrkdwn.escape(String.join(" → ", stages))) + " · "
                    + app.path("environmentCount").asInt(0) + " environment(s)");
        }
        if (lines.isEmpty()) {
            lines.add("No application is registered yet.");
        }
        blocks.add(section(s -> s.text(markdownText(Mrkdwn.truncate(String.join("\n", lines))))));
        blocks.add(context(List.of(markdownText("`" + command + " list <app>` shows an application's pipeline"))));
        return SlackReply.inChannel(apps.size() + " application(s): " + String.join(", ", names(apps)), blocks);
    }

    SlackReply matrix(JsonNode app) {
        String name = app.path("name").asString("?");
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText(headerText(name + " pipeline")))));
        List<String> summary = new ArrayList<>();
        int rows = 0;
        for (JsonNode stage : app.path("pipeline")) {
            if (rows++ == MAX_ROWS) {
                blocks.add(context(List.of(markdownText("…and more stages than Slack shows in one message"))));
                break;
            }
            blocks.add(section(s -> s.text(markdownText(Mrkdwn.truncate(stageLine(stage))))));
            summary.add(stage.path("stage").asString("?") + " "
                    + stage.path("version").asString("–"));
        }
        int adHoc = app.path("environments").size();
        if (adHoc > 0) {
            blocks.add(context(List.of(markdownText(adHoc + " ad-hoc environment(s) besides the pipeline"))));
        }
        return SlackReply.inChannel(name + ": " + String.join(", ", summary), blocks);
    }

    private static String stageLine(JsonNode stage) {
        String line = "*" + Mrkdwn.escape(stage.path("stage").asString("?")) + "*";
        if (stage.path("requiresApproval").asBoolean(false)) {
            line += " :lock: approval";
        }
        if (stage.path("autoPromote").asBoolean(false)) {
            line += " :repeat: auto";
        }
        JsonNode version = stage.path("version");
        if (version.isNull() || version.isMissingNode()) {
            line += "\nnot deployed yet";
        } else {
            line += "\n`" + Mrkdwn.code(version.asString()) + "` · "
                    + stage.path("status").asString("?");
        }
        JsonNode last = stage.path("lastDeployment");
        if (last.isObject()) {
            line += "\nlast: " + last.path("operation").asString("?").toLowerCase(Locale.ROOT) + " `"
                    + Mrkdwn.code(last.path("version").asString("?")) + "` "
                    + last.path("status").asString("?")
                    + " by " + Mrkdwn.escape(last.path("actor").asString("?")) + " at "
                    + last.path("finishedAt").asString(last.path("requestedAt").asString("?"));
        }
        int queued = stage.path("queued").size();
        if (queued > 0) {
            JsonNode next = stage.path("queued").get(0);
            line += "\n" + queued + " queued, next `"
                    + Mrkdwn.code(next.path("toVersion").asString("?")) + "` by "
                    + Mrkdwn.escape(next.path("actor").asString("?"));
        }
        return line;
    }

    SlackReply diff(JsonNode diff) {
        String app = diff.path("app").asString("?");
        JsonNode from = diff.path("from");
        JsonNode to = diff.path("to");
        String title = app + ": " + from.path("environment").asString("?") + " → "
                + to.path("environment").asString("?");
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(header(h -> h.text(plainText(headerText(title)))));
        blocks.add(section(
                s -> s.fields(List.of(markdownText("*From* " + side(from)), markdownText("*To* " + side(to))))));
        boolean inSync = diff.path("inSync").asBoolean(false);
        if (inSync) {
            blocks.add(section(s -> s.text(
                    markdownText(":white_check_mark: In sync: same version, commit," + " overrides and secrets"))));
        } else {
            blocks.add(section(s -> s.text(markdownText(Mrkdwn.truncate(changes(diff))))));
            String commits = commits(diff);
            blocks.add(section(s -> s.text(markdownText(Mrkdwn.truncate(commits)))));
            promotion(diff).ifPresent(line -> blocks.add(section(s -> s.text(markdownText(line)))));
        }
        return SlackReply.inChannel(title + (inSync ? ": in sync" : ": differs"), blocks);
    }

    private static String side(JsonNode side) {
        String version =
                side.path("desiredVersion").asString(side.path("version").asString("–"));
        return Mrkdwn.escape(side.path("environment").asString("?")) + "\n`" + Mrkdwn.code(version) + "` · "
                + side.path("status").asString("?");
    }

    private static String changes(JsonNode diff) {
        List<String> lines = new ArrayList<>();
        JsonNode overrides = diff.path("overrides");
        overrides.path("added").properties().forEach(e -> lines.add("+ `" + Mrkdwn.code(e.getKey()) + "`"));
        overrides.path("removed").properties().forEach(e -> lines.add("− `" + Mrkdwn.code(e.getKey()) + "`"));
        for (Map.Entry<String, JsonNode> changed : overrides.path("changed").properties()) {
            lines.add("~ `" + Mrkdwn.code(changed.getKey()) + "`: `"
                    + Mrkdwn.code(changed.getValue().path("to").asString("")) + "` → `"
                    + Mrkdwn.code(changed.getValue().path("from").asString("")) + "`");
        }
        for (Map.Entry<String, JsonNode> secret : diff.path("secrets").properties()) {
            if (!"unchanged".equals(secret.getValue().asString(""))) {
                lines.add(":key: `" + Mrkdwn.code(secret.getKey()) + "` "
                        + secret.getValue().asString(""));
            }
        }
        return lines.isEmpty() ? "*Configuration*: no differences" : "*Configuration*\n" + String.join("\n", lines);
    }

    private static String commits(JsonNode diff) {
        if (!diff.path("commitsError").isNull() && !diff.path("commitsError").isMissingNode()) {
            return "*Commits*: " + Mrkdwn.escape(diff.path("commitsError").asString());
        }
        JsonNode commits = diff.path("commits");
        if (commits.isEmpty()) {
            return "*Commits*: none to bring";
        }
        List<String> lines = new ArrayList<>();
        for (JsonNode commit : commits) {
            if (lines.size() == MAX_COMMITS) {
                lines.add("…and " + (commits.size() - MAX_COMMITS) + " more");
                break;
            }
            lines.add("`" + Mrkdwn.code(commit.path("shortSha").asString("?")) + "` "
                    + Mrkdwn.escape(commit.path("subject").asString("")) + " — "
                    + Mrkdwn.escape(commit.path("author").asString("?")));
        }
        String truncated = diff.path("commitsTruncated").asBoolean(false) ? " (truncated)" : "";
        return "*Commits* (" + commits.size() + truncated + ")\n" + String.join("\n", lines);
    }

    private Optional<String> promotion(JsonNode diff) {
        JsonNode body = diff.path("command").path("promotion").path("body");
        if (!body.isObject()) {
            return Optional.empty();
        }
        String promote = command + " promote " + diff.path("app").asString("?") + " "
                + body.path("version").asString("?") + " to " + body.path("to").asString("?");
        return Optional.of("To bring it level: `" + Mrkdwn.code(promote) + "`");
    }

    /** Slack allows 150 characters in a header. */
    private static String headerText(String text) {
        return text.length() <= 150 ? text : text.substring(0, 149) + "…";
    }

    private static List<String> names(JsonNode apps) {
        List<String> names = new ArrayList<>();
        apps.forEach(app -> names.add(app.path("name").asString("?")));
        return names;
    }
}
