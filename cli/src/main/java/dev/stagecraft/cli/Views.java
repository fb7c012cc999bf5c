package dev.stagecraft.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Query-service's views as text for people: tables and short key/value blocks. */
final class Views {

    private Views() {}

    static String environments(Terminal terminal, JsonNode environments) {
        Table table = new Table("APP", "ENVIRONMENT", "STAGE", "STATUS", "VERSION", "UPDATED", "LAST DEPLOYMENT");
        for (JsonNode env : environments) {
            table.row(
                    Json.show(env, "app"),
                    Json.show(env, "name"),
                    Json.show(env, "stage"),
                    terminal.status(Json.text(env, "status")),
                    version(env),
                    Json.show(env, "updatedAt"),
                    lastDeployment(terminal, env.get("lastDeployment")));
        }
        return table.render(terminal);
    }

    static String environment(Terminal terminal, @Nullable JsonNode env) {
        StringBuilder text = new StringBuilder();
        text.append(terminal.bold(Json.show(env, "app") + "/" + Json.show(env, "name")))
                .append(Json.text(env, "stage") == null ? "  (ad-hoc)" : "  (stage " + Json.text(env, "stage") + ")")
                .append('\n');
        field(
                text,
                "status",
                terminal.status(Json.text(env, "status"))
                        + (Json.text(env, "statusReason") == null
                                ? ""
                                : "  " + terminal.dim(Json.text(env, "statusReason"))));
        field(text, "version", version(env));
        field(text, "driver", Json.show(env, "driver"));
        field(text, "overrides", pairs(env == null ? null : env.get("overrides")));
        field(text, "secrets", list(env == null ? null : env.get("secretKeys")));
        field(text, "tags", list(env == null ? null : env.get("tags")));
        field(text, "description", Json.show(env, "description"));
        field(
                text,
                "ttl",
                Json.show(env, "ttl")
                        + (Json.text(env, "expiresAt") == null ? "" : ", archived at " + Json.text(env, "expiresAt")));
        if (Json.text(env, "cleanupAt") != null) {
            field(text, "cleanup", Json.text(env, "cleanupAt"));
        }
        JsonNode lock = env == null ? null : env.get("lock");
        if (lock != null && !lock.isNull()) {
            field(
                    text,
                    "locked",
                    terminal.yellow("by " + Json.show(lock, "holder") + " since " + Json.show(lock, "lockedAt") + " ("
                            + Json.show(lock, "reason") + ")"));
        }
        JsonNode drift = env == null ? null : env.get("drift");
        if (drift != null && !drift.isNull()) {
            field(text, "drift", terminal.red(Json.show(drift, "detail")));
        }
        field(text, "last deployment", lastDeployment(terminal, env == null ? null : env.get("lastDeployment")));
        if (env != null) {
            for (JsonNode queued : env.path("queued")) {
                field(
                        text,
                        "queued",
                        "#" + Json.show(queued, "position") + " " + Json.show(queued, "operation") + " "
                                + Json.show(queued, "toVersion") + " by " + Json.show(queued, "actor") + " ("
                                + Json.show(queued, "deploymentId") + ")");
            }
            for (JsonNode waiting : env.path("awaitingApproval")) {
                field(text, "awaiting approval", approval(waiting));
            }
        }
        field(text, "updated", Json.show(env, "updatedAt"));
        return text.toString();
    }

    static String matrix(Terminal terminal, @Nullable JsonNode application) {
        StringBuilder text = new StringBuilder();
        text.append(terminal.bold(Json.show(application, "name")))
                .append("  driver ")
                .append(Json.show(application, "driver"))
                .append(Json.text(application, "repository") == null ? "" : "  " + Json.text(application, "repository"))
                .append("\n\n");
        Table table = new Table("STAGE", "VERSION", "STATUS", "DEPLOYED BY", "DEPLOYED AT", "WAITING", "FLAGS");
        if (application != null) {
            for (JsonNode stage : application.path("pipeline")) {
                table.row(
                        Json.show(stage, "stage"),
                        version(stage),
                        terminal.status(Json.text(stage, "status")),
                        Json.show(stage, "deployedBy"),
                        Json.show(stage, "deployedAt"),
                        waiting(stage),
                        flags(terminal, stage));
            }
        }
        text.append(table.isEmpty() ? "no pipeline\n" : table.render(terminal));
        JsonNode others = application == null ? null : application.get("environments");
        if (others != null && !others.isEmpty()) {
            text.append('\n').append(terminal.bold("other environments")).append('\n');
            text.append(environments(terminal, others));
        }
        return text.toString();
    }

    static String diff(Terminal terminal, @Nullable JsonNode diff) {
        StringBuilder text = new StringBuilder();
        JsonNode from = diff == null ? null : diff.get("from");
        JsonNode to = diff == null ? null : diff.get("to");
        text.append(terminal.bold(Json.show(diff, "app") + ": " + Json.show(from, "environment") + " → "
                        + Json.show(to, "environment")))
                .append(diff != null && diff.path("inSync").asBoolean(false) ? "  " + terminal.green("in sync") : "")
                .append('\n');
        field(text, "version", Json.show(from, "desiredVersion") + " → " + Json.show(to, "desiredVersion"));
        if (Json.text(from, "commit") != null || Json.text(to, "commit") != null) {
            field(text, "commit", shortSha(Json.text(from, "commit")) + " → " + shortSha(Json.text(to, "commit")));
        }
        JsonNode overrides = diff == null ? null : diff.get("overrides");
        if (overrides != null) {
            overrides
                    .path("added")
                    .properties()
                    .forEach(e -> field(
                            text,
                            "override",
                            terminal.green(
                                    "+ " + e.getKey() + "=" + e.getValue().asString())));
            overrides
                    .path("removed")
                    .properties()
                    .forEach(e -> field(
                            text,
                            "override",
                            terminal.red("- " + e.getKey() + "=" + e.getValue().asString())));
            overrides
                    .path("changed")
                    .properties()
                    .forEach(e -> field(
                            text,
                            "override",
                            terminal.yellow("~ " + e.getKey() + ": " + Json.show(e.getValue(), "from") + " → "
                                    + Json.show(e.getValue(), "to"))));
        }
        if (diff != null) {
            diff.path("secrets")
                    .properties()
                    .forEach(e -> field(
                            text, "secret", e.getKey() + " " + e.getValue().asString()));
            for (JsonNode commit : diff.path("commits")) {
                field(
                        text,
                        "commit",
                        Json.show(commit, "shortSha") + " " + Json.show(commit, "subject")
                                + terminal.dim(" (" + Json.show(commit, "author") + ")"));
            }
            for (JsonNode commit : diff.path("divergentCommits")) {
                field(
                        text,
                        "only in " + Json.show(to, "environment"),
                        Json.show(commit, "shortSha") + " " + Json.show(commit, "subject"));
            }
            if (Json.text(diff, "commitsError") != null) {
                field(text, "commits", terminal.dim(Json.text(diff, "commitsError")));
            }
            JsonNode command = diff.get("command");
            if (command != null && !command.isNull()) {
                JsonNode promotion = command.get("promotion");
                field(
                        text,
                        "to level",
                        promotion != null && !promotion.isNull()
                                ? Json.show(promotion, "text")
                                : Json.show(command, "text"));
                if (Json.text(command, "secrets") != null) {
                    field(text, "secrets", Json.text(command, "secrets"));
                }
            }
        }
        return text.toString();
    }

    static String deployments(Terminal terminal, @Nullable JsonNode deployments) {
        Table table =
                new Table("DEPLOYMENT", "OPERATION", "VERSION", "STATUS", "ACTOR", "CHANNEL", "REQUESTED", "TOOK");
        if (deployments != null) {
            for (JsonNode deployment : deployments) {
                String from = Json.text(deployment, "fromVersion");
                table.row(
                        Json.show(deployment, "id"),
                        Json.show(deployment, "operation"),
                        (from == null ? "" : from + " → ") + Json.show(deployment, "version"),
                        terminal.status(Json.text(deployment, "status")),
                        Json.show(deployment, "actor"),
                        Json.show(deployment, "channel"),
                        Json.show(deployment, "requestedAt"),
                        deployment.hasNonNull("durationMs")
                                ? Submission.seconds(
                                        deployment.path("durationMs").asLong())
                                : "-");
            }
        }
        return table.isEmpty() ? "no deployments yet" : table.render(terminal);
    }

    static String events(Terminal terminal, @Nullable JsonNode events) {
        Table table = new Table("AT", "TYPE", "ACTOR", "SOURCE", "SEQ", "DEPLOYMENT");
        if (events != null) {
            for (JsonNode event : events) {
                table.row(
                        Json.show(event, "occurredAt"),
                        Json.show(event, "type"),
                        Json.show(event, "actor"),
                        Json.show(event, "source"),
                        Json.show(event, "sequence"),
                        Json.show(event, "deploymentId"));
            }
        }
        return table.isEmpty() ? "no events yet" : table.render(terminal);
    }

    static String logs(Terminal terminal, @Nullable JsonNode deployment, @Nullable String onlyStep) {
        StringBuilder text = new StringBuilder();
        if (onlyStep == null) {
            String from = Json.text(deployment, "fromVersion");
            text.append(terminal.bold("deployment " + Json.show(deployment, "id")))
                    .append("  ")
                    .append(Json.show(deployment, "app") + "/" + Json.show(deployment, "environment"))
                    .append("  ")
                    .append(Json.show(deployment, "operation"))
                    .append(' ')
                    .append(from == null ? "" : from + " → ")
                    .append(Json.show(deployment, "version"))
                    .append("  ")
                    .append(terminal.status(Json.text(deployment, "status")))
                    .append('\n');
            field(
                    text,
                    "requested",
                    Json.show(deployment, "requestedAt") + " by " + Json.show(deployment, "actor") + " via "
                            + Json.show(deployment, "channel"));
            field(
                    text,
                    "finished",
                    Json.show(deployment, "finishedAt")
                            + (deployment != null && deployment.hasNonNull("durationMs")
                                    ? " ("
                                            + Submission.seconds(deployment
                                                    .path("durationMs")
                                                    .asLong()) + ")"
                                    : ""));
            if (Json.text(deployment, "error") != null) {
                field(text, "error", terminal.red(Json.text(deployment, "error")));
            }
        }
        if (deployment != null) {
            for (JsonNode step : deployment.path("steps")) {
                String name = Json.show(step, "name");
                if (onlyStep != null && !onlyStep.equals(name)) {
                    continue;
                }
                if (onlyStep == null) {
                    text.append('\n')
                            .append(terminal.bold("── " + name))
                            .append("  ")
                            .append(terminal.status(Json.text(step, "status")))
                            .append(
                                    Json.text(step, "message") == null
                                            ? ""
                                            : "  " + terminal.dim(Json.text(step, "message")))
                            .append('\n');
                }
                if (step.path("truncated").asBoolean(false)) {
                    text.append(terminal.dim(
                                    "   … older lines dropped (" + Json.show(step, "outputLines") + " in all)"))
                            .append('\n');
                }
                for (JsonNode line : step.path("output")) {
                    text.append(onlyStep == null ? "   " : "")
                            .append(line.asString())
                            .append('\n');
                }
            }
        }
        return text.toString();
    }

    static boolean hasStep(@Nullable JsonNode deployment, String step) {
        return stepNameList(deployment).contains(step);
    }

    static String stepNames(@Nullable JsonNode deployment) {
        List<String> names = stepNameList(deployment);
        return names.isEmpty() ? "none yet" : String.join(", ", names);
    }

    private static List<String> stepNameList(@Nullable JsonNode deployment) {
        List<String> names = new ArrayList<>();
        if (deployment != null) {
            deployment.path("steps").forEach(step -> names.add(Json.show(step, "name")));
        }
        return names;
    }

    private static String version(JsonNode env) {
        String version = Json.text(env, "version");
        String desired = Json.text(env, "desiredVersion");
        if (desired != null && !desired.equals(version)) {
            return (version == null ? "-" : version) + " → " + desired;
        }
        return version == null ? "-" : version;
    }

    private static String lastDeployment(Terminal terminal, @Nullable JsonNode deployment) {
        if (deployment == null || deployment.isNull()) {
            return "-";
        }
        return Json.show(deployment, "operation") + " " + Json.show(deployment, "version") + " "
                + terminal.status(Json.text(deployment, "status")) + " by " + Json.show(deployment, "actor");
    }

    private static String waiting(JsonNode stage) {
        List<String> waiting = new ArrayList<>();
        for (JsonNode queued : stage.path("queued")) {
            waiting.add(Json.show(queued, "toVersion") + " queued");
        }
        for (JsonNode approval : stage.path("awaitingApproval")) {
            waiting.add(Json.show(approval, "version") + " awaits approval " + Json.show(approval, "deploymentId"));
        }
        return waiting.isEmpty() ? "-" : String.join(", ", waiting);
    }

    private static String flags(Terminal terminal, JsonNode stage) {
        List<String> flags = new ArrayList<>();
        if (stage.path("requiresApproval").asBoolean(false)) {
            flags.add("approval");
        }
        if (stage.path("autoPromote").asBoolean(false)) {
            flags.add("auto-promote");
        }
        if (Json.text(stage, "branch") != null) {
            flags.add("branch " + Json.text(stage, "branch"));
        }
        JsonNode lock = stage.get("lock");
        if (lock != null && !lock.isNull()) {
            flags.add(terminal.yellow("locked by " + Json.show(lock, "holder")));
        }
        return flags.isEmpty() ? "-" : String.join(", ", flags);
    }

    private static String approval(JsonNode waiting) {
        return Json.show(waiting, "version") + " requested by " + Json.show(waiting, "actor") + " ("
                + Json.show(waiting, "deploymentId") + ")";
    }

    private static String pairs(@Nullable JsonNode object) {
        if (object == null || object.isEmpty()) {
            return "-";
        }
        List<String> pairs = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            pairs.add(entry.getKey() + "=" + entry.getValue().asString());
        }
        return String.join(", ", pairs);
    }

    private static String list(@Nullable JsonNode array) {
        if (array == null || array.isEmpty()) {
            return "-";
        }
        List<String> items = new ArrayList<>();
        array.forEach(item -> items.add(item.asString()));
        return String.join(", ", items);
    }

    private static String shortSha(@Nullable String sha) {
        return sha == null ? "-" : sha.substring(0, Math.min(7, sha.length()));
    }

    private static void field(StringBuilder text, String name, String value) {
        text.append("  ").append(String.format("%-18s", name)).append(value).append('\n');
    }
}
