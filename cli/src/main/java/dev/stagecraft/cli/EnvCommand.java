package dev.stagecraft.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code stagecraft env …}: the lifecycle of environments, their locks, and their views. */
@Command(
        name = "env",
        description = "Create, update, archive, restore, clean up, lock and show environments.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  stagecraft env create shop review-1432 --version 1.8.0 --ttl 72h --wait",
            "  stagecraft env update shop qa --version 1.9.0 --wait",
            "  stagecraft env list --app shop",
            "  stagecraft env show shop qa --output json",
            "",
            "'stagecraft env COMMAND --help' tells more; exit codes: 'stagecraft --help'."
        },
        subcommands = {
            EnvCommand.Create.class,
            EnvCommand.Update.class,
            EnvCommand.Archive.class,
            EnvCommand.Restore.class,
            EnvCommand.Cleanup.class,
            EnvCommand.Lock.class,
            EnvCommand.Unlock.class,
            EnvCommand.Show.class,
            EnvCommand.ListEnvironments.class
        })
final class EnvCommand {

    /** {@code APP ENV}: the environment a command is about. */
    static final class Target {
        @Parameters(index = "0", paramLabel = "APP", description = "the application")
        String app;

        @Parameters(index = "1", paramLabel = "ENV", description = "the environment")
        String env;

        String path() {
            return "/api/v1/applications/" + segment(app) + "/environments/" + segment(env);
        }

        Map<String, String> filter() {
            return Map.of("app", app, "environment", env);
        }

        String name() {
            return app + "/" + env;
        }
    }

    /** What create and update may set. */
    static final class SpecOptions {
        @Option(names = "--commit", paramLabel = "SHA", description = "the git commit of the version")
        @Nullable
        String commit;

        @Option(
                names = "--set",
                paramLabel = "KEY=VALUE",
                description = "a public override (repeat it); on update the given overrides replace all of them")
        Map<String, String> overrides = new LinkedHashMap<>();

        @Option(
                names = "--secret",
                paramLabel = "KEY=VALUE",
                description = "a secret override, or KEY=vault:<mount>/<path>#<key> (repeat it)")
        Map<String, String> secrets = new LinkedHashMap<>();

        @Option(
                names = "--ttl",
                paramLabel = "DURATION",
                converter = WaitOptions.DurationConverter.class,
                description = "archive it after this long (e.g. 2h, 3d, PT72H)")
        @Nullable
        Duration ttl;

        @Option(names = "--tag", paramLabel = "TAG", description = "a tag (repeat it)")
        List<String> tags = new ArrayList<>();

        @Option(names = "--description", paramLabel = "TEXT", description = "what it is for")
        @Nullable
        String description;

        void into(ObjectNode body) {
            if (commit != null) {
                body.put("commit", commit);
            }
            if (!overrides.isEmpty()) {
                body.set("overrides", Json.map(overrides));
            }
            if (!secrets.isEmpty()) {
                body.set("secretOverrides", Json.map(secrets));
            }
            if (ttl != null) {
                body.put("ttl", ttl.toString());
            }
            if (!tags.isEmpty()) {
                ArrayNode array = body.putArray("tags");
                tags.forEach(array::add);
            }
            if (description != null) {
                body.put("description", description);
            }
        }
    }

    @Command(
            name = "create",
            description = "Create an environment running a version (answers at once with the deployment id).",
            footerHeading = "%nExamples:%n",
            footer = {
                "  stagecraft env create shop review-1432 --version 1.8.0 --ttl 72h --tag review --wait",
                "  stagecraft env create shop qa --version 1.8.0 --set LOG_LEVEL=debug --secret DB_PASSWORD=s3cret"
            })
    static final class Create extends Action {
        @Mixin
        Target target;

        @Option(names = "--version", required = true, paramLabel = "VERSION", description = "the version to run")
        String version;

        @Mixin
        SpecOptions changes;

        @Mixin
        WaitOptions waiting;

        @Override
        int run(Session session) {
            ObjectNode body = Json.object().put("name", target.env).put("version", version);
            changes.into(body);
            return Submission.submit(
                    session,
                    waiting,
                    new Submission.Request(
                            "POST",
                            "/api/v1/applications/" + segment(target.app) + "/environments",
                            body,
                            target.filter(),
                            "create " + target.name() + " " + version));
        }
    }

    @Command(
            name = "update",
            description = "Change an environment's version, commit, overrides, secrets, ttl, tags or description.",
            footerHeading = "%nExamples:%n",
            footer = {
                "  stagecraft env update shop qa --version 1.9.0 --wait",
                "  stagecraft env update shop qa --set LOG_LEVEL=info --set FEATURE_X=on"
            })
    static final class Update extends Action {
        @Mixin
        Target target;

        @Option(names = "--version", paramLabel = "VERSION", description = "the version to run")
        @Nullable
        String version;

        @Mixin
        SpecOptions changes;

        @Mixin
        WaitOptions waiting;

        @Override
        int run(Session session) {
            ObjectNode body = Json.object();
            if (version != null) {
                body.put("version", version);
            }
            changes.into(body);
            if (body.isEmpty()) {
                throw Failure.usage("say what to change: --version, --commit, --set, --secret, --ttl, --tag or"
                        + " --description (see 'stagecraft env update --help')");
            }
            return Submission.submit(
                    session,
                    waiting,
                    new Submission.Request(
                            "PATCH",
                            target.path(),
                            body,
                            target.filter(),
                            "update " + target.name() + (version == null ? "" : " to " + version)));
        }
    }

    @Command(
            name = "archive",
            description = "Stop an environment's workload, keeping its data.",
            footerHeading = "%nExample:%n",
            footer = "  stagecraft env archive shop review-1432 --wait")
    static final class Archive extends Action {
        @Mixin
        Target target;

        @Mixin
        WaitOptions waiting;

        @Override
        int run(Session session) {
            return Submission.submit(
                    session,
                    waiting,
                    new Submission.Request(
                            "POST", target.path() + "/archive", null, target.filter(), "archive " + target.name()));
        }
    }

    @Command(
            name = "restore",
            description = "Run an archived environment again with its last spec.",
            footerHeading = "%nExample:%n",
            footer = "  stagecraft env restore shop review-1432 --wait")
    static final class Restore extends Action {
        @Mixin
        Target target;

        @Mixin
        WaitOptions waiting;

        @Override
        int run(Session session) {
            return Submission.submit(
                    session,
                    waiting,
                    new Submission.Request(
                            "POST", target.path() + "/restore", null, target.filter(), "restore " + target.name()));
        }
    }

    @Command(
            name = "cleanup",
            description = "Remove everything an archived environment owns.",
            footerHeading = "%nExample:%n",
            footer =
                    "  stagecraft env archive shop review-1432 --wait && stagecraft env cleanup shop review-1432 --wait")
    static final class Cleanup extends Action {
        @Mixin
        Target target;

        @Mixin
        WaitOptions waiting;

        @Override
        int run(Session session) {
            return Submission.submit(
                    session,
                    waiting,
                    new Submission.Request(
                            "DELETE", target.path(), null, target.filter(), "clean up " + target.name()));
        }
    }

    @Command(
            name = "lock",
            description = "Lock an environment: nobody else may deploy to or change it until you unlock it.",
            footerHeading = "%nExample:%n",
            footer = "  stagecraft env lock shop prod --reason 'release freeze'")
    static final class Lock extends Action {
        @Mixin
        Target target;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "why (shown to others)")
        String reason;

        @Override
        int run(Session session) {
            return Submission.submit(
                    session,
                    null,
                    new Submission.Request(
                            "PUT",
                            target.path() + "/lock",
                            Json.object().put("reason", reason),
                            target.filter(),
                            "lock " + target.name()));
        }
    }

    @Command(
            name = "unlock",
            description = "Unlock an environment you locked (--force: an admin breaks anyone's lock).",
            footerHeading = "%nExample:%n",
            footer = "  stagecraft env unlock shop prod")
    static final class Unlock extends Action {
        @Mixin
        Target target;

        @Option(names = "--force", description = "break another user's lock (admins)")
        boolean force;

        @Override
        int run(Session session) {
            return Submission.submit(
                    session,
                    null,
                    new Submission.Request(
                            "DELETE",
                            target.path() + "/lock" + (force ? "?force=true" : ""),
                            null,
                            target.filter(),
                            "unlock " + target.name()));
        }
    }

    @Command(
            name = "show",
            description = "Show an environment: status, versions, overrides, lock, queue, schedule.",
            footerHeading = "%nExample:%n",
            footer = "  stagecraft env show shop qa")
    static final class Show extends Action {
        @Mixin
        Target target;

        @Override
        int run(Session session) {
            JsonNode view = session.api().get(Api.Service.QUERY, target.path()).body();
            if (session.json()) {
                session.printJson(view);
            } else {
                session.print(Views.environment(session.terminal(), view));
            }
            return ExitCode.OK;
        }
    }

    @Command(
            name = "list",
            description = "List environments (every page: follows the Link header).",
            footerHeading = "%nExamples:%n",
            footer = {
                "  stagecraft env list --app shop",
                "  stagecraft env list --status FAILURE --output json",
                "  stagecraft env list --tag review -q 1432"
            })
    static final class ListEnvironments extends Action {
        @Option(names = "--app", paramLabel = "APP", description = "only this application's")
        @Nullable
        String app;

        @Option(names = "--status", paramLabel = "STATUS", description = "only in this status (e.g. RUNNING, FAILURE)")
        @Nullable
        String status;

        @Option(names = "--tag", paramLabel = "TAG", description = "only with this tag")
        @Nullable
        String tag;

        @Option(
                names = {"-q", "--query"},
                paramLabel = "TEXT",
                description = "only with this text in name, description or a tag")
        @Nullable
        String text;

        @Option(
                names = "--page-size",
                paramLabel = "N",
                defaultValue = "100",
                description = "environments per request (1–1000, default 100)")
        int pageSize = 100;

        @Override
        int run(Session session) {
            StringJoiner query = new StringJoiner("&", "/api/v1/environments?", "");
            param(query, "app", app);
            param(query, "status", status);
            param(query, "tag", tag);
            param(query, "q", text);
            query.add("limit=" + pageSize);
            ArrayNode all = Json.MAPPER.createArrayNode();
            Optional<String> next = Optional.of(query.toString());
            while (next.isPresent()) {
                Api.Reply page = session.api().get(Api.Service.QUERY, next.get());
                if (page.body() != null) {
                    page.body().forEach(all::add);
                }
                next = page.next();
            }
            if (session.json()) {
                session.printJson(all);
            } else if (all.isEmpty()) {
                session.print("no environments match");
            } else {
                session.print(Views.environments(session.terminal(), all));
            }
            return ExitCode.OK;
        }

        private static void param(StringJoiner query, String name, @Nullable String value) {
            if (value != null) {
                query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
    }

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
