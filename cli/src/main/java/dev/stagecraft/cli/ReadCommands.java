package dev.stagecraft.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** What query-service knows: the pipeline matrix, diffs, the audit trail and a deployment's output. */
final class ReadCommands {

    private ReadCommands() {}

    @Command(
            name = "status",
            description = "The pipeline matrix: per stage what runs, its status, who deployed it when, what waits.",
            footerHeading = "%nExamples:%n",
            footer = {"  stagecraft status shop", "  stagecraft status shop --output json | jq '.pipeline[].version'"})
    static final class Status extends Action {
        @Parameters(index = "0", paramLabel = "APP", description = "the application")
        String app;

        @Override
        int run(Session session) {
            JsonNode matrix = session.api()
                    .get(Api.Service.QUERY, "/api/v1/applications/" + EnvCommand.segment(app))
                    .body();
            if (session.json()) {
                session.printJson(matrix);
            } else {
                session.print(Views.matrix(session.terminal(), matrix));
            }
            return ExitCode.OK;
        }
    }

    @Command(
            name = "diff",
            description = "What differs between two environments, seen as promoting --from into --to: versions,"
                    + " overrides, secrets (changed or not, never values), commits, and the command that levels them.",
            footerHeading = "%nExample:%n",
            footer = "  stagecraft diff shop --from qa --to prod")
    static final class Diff extends Action {
        @Parameters(index = "0", paramLabel = "APP", description = "the application")
        String app;

        @Option(names = "--from", required = true, paramLabel = "ENV", description = "the environment to compare from")
        String from;

        @Option(names = "--to", required = true, paramLabel = "ENV", description = "the environment to compare to")
        String to;

        @Override
        int run(Session session) {
            JsonNode diff = session.api()
                    .get(
                            Api.Service.QUERY,
                            "/api/v1/applications/" + EnvCommand.segment(app) + "/diff?from=" + query(from) + "&to="
                                    + query(to))
                    .body();
            if (session.json()) {
                session.printJson(diff);
            } else {
                session.print(Views.diff(session.terminal(), diff));
            }
            return ExitCode.OK;
        }
    }

    @Command(
            name = "history",
            description = "An environment's deployments, newest first: who, when, what, through which channel, outcome"
                    + " (--events: every event applied to it).",
            footerHeading = "%nExamples:%n",
            footer = {"  stagecraft history shop qa", "  stagecraft history shop qa --events --limit 50 --output json"})
    static final class History extends Action {
        @Mixin
        EnvCommand.Target target;

        @Option(
                names = "--limit",
                paramLabel = "N",
                description = "at most this many (default: query-service's page size)")
        @Nullable
        Integer limit;

        @Option(names = "--events", description = "the events applied to the environment instead of its deployments")
        boolean events;

        @Override
        int run(Session session) {
            String path =
                    target.path() + (events ? "/history" : "/deployments") + (limit == null ? "" : "?limit=" + limit);
            JsonNode answer = session.api().get(Api.Service.QUERY, path).body();
            if (session.json()) {
                session.printJson(answer);
            } else if (events) {
                session.print(Views.events(session.terminal(), answer));
            } else {
                session.print(Views.deployments(session.terminal(), answer));
            }
            return ExitCode.OK;
        }
    }

    @Command(
            name = "logs",
            description = "A deployment: its steps and each step's output (secrets masked).",
            footerHeading = "%nExamples:%n",
            footer = {
                "  stagecraft logs 8855a23e-7a24-4fd7-8ad6-94799ecb8fff",
                "  stagecraft logs 8855a23e-… --step apply"
            })
    static final class Logs extends Action {
        @Parameters(index = "0", paramLabel = "DEPLOYMENT", description = "the deployment's id")
        String deployment;

        @Option(names = "--step", paramLabel = "STEP", description = "only this step's output")
        @Nullable
        String step;

        @Override
        int run(Session session) {
            String id = PipelineCommands.deploymentId(deployment);
            JsonNode view = session.api()
                    .get(Api.Service.QUERY, "/api/v1/deployments/" + id)
                    .body();
            if (step != null && !Views.hasStep(view, step)) {
                throw new Failure(
                        ExitCode.REFUSED,
                        "deployment " + id + " has no step '" + step + "'; its steps are " + Views.stepNames(view));
            }
            if (session.json()) {
                session.printJson(view);
            } else {
                session.print(Views.logs(session.terminal(), view, step));
            }
            return ExitCode.OK;
        }
    }

    static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
