package dev.stagecraft.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.node.ObjectNode;

/** Moving versions along the pipeline: promote, rollback, and deciding on deployments (approve, reject, cancel). */
final class PipelineCommands {

    private PipelineCommands() {}

    @Command(
            name = "promote",
            description = {
                "Promote a version to a stage; without --to, to the stage after the latest one where it runs.",
                "A stage that requires approval holds the deployment until someone else approves it."
            },
            footerHeading = "%nExamples:%n",
            footer = {"  stagecraft promote shop 1.9.0 --wait", "  stagecraft promote shop 1.9.0 --to prod --force"})
    static final class Promote extends Action {
        @Parameters(index = "0", paramLabel = "APP", description = "the application")
        String app;

        @Parameters(index = "1", paramLabel = "VERSION", description = "the version to promote")
        String version;

        @Option(names = "--to", paramLabel = "STAGE", description = "the stage to promote it to")
        @Nullable
        String to;

        @Option(names = "--force", description = "skip the previous-stage rule (admins)")
        boolean force;

        @Mixin
        WaitOptions waiting;

        @Override
        int run(Session session) {
            ObjectNode body = Json.object().put("version", version);
            if (to != null) {
                body.put("to", to);
            }
            if (force) {
                body.put("force", true);
            }
            Map<String, String> filter = new LinkedHashMap<>();
            filter.put("app", app);
            if (to != null) {
                filter.put("environment", to);
            }
            return Submission.submit(
                    session,
                    waiting,
                    new Submission.Request(
                            "POST",
                            "/api/v1/applications/" + EnvCommand.segment(app) + "/promotions",
                            body,
                            filter,
                            "promote " + app + " " + version + (to == null ? "" : " to " + to)));
        }
    }

    @Command(
            name = "rollback",
            description =
                    "Roll an environment back: to --version, or to the previous version that ran successfully there.",
            footerHeading = "%nExamples:%n",
            footer = {"  stagecraft rollback shop qa --wait", "  stagecraft rollback shop qa --version 1.8.0"})
    static final class Rollback extends Action {
        @Mixin
        EnvCommand.Target target;

        @Option(names = "--version", paramLabel = "VERSION", description = "the version to roll back to")
        @Nullable
        String version;

        @Mixin
        WaitOptions waiting;

        @Override
        int run(Session session) {
            ObjectNode body = Json.object();
            if (version != null) {
                body.put("version", version);
            }
            return Submission.submit(
                    session,
                    waiting,
                    new Submission.Request(
                            "POST",
                            target.path() + "/rollback",
                            body,
                            target.filter(),
                            "roll back " + target.name() + (version == null ? "" : " to " + version)));
        }
    }

    @Command(
            name = "approve",
            description = "Approve a deployment awaiting approval (not your own: four eyes).",
            footerHeading = "%nExample:%n",
            footer = "  stagecraft approve 7e0b1c2d-… --comment 'checked the changelog' --wait")
    static final class Approve extends Action {
        @Parameters(index = "0", paramLabel = "DEPLOYMENT", description = "the deployment's id")
        String deployment;

        @Option(names = "--comment", paramLabel = "TEXT", description = "why")
        @Nullable
        String comment;

        @Mixin
        WaitOptions waiting;

        @Override
        int run(Session session) {
            return decide(session, waiting, deployment, "approve", comment);
        }
    }

    @Command(
            name = "reject",
            description = "Reject a deployment awaiting approval (the requester withdraws with cancel instead).",
            footerHeading = "%nExample:%n",
            footer = "  stagecraft reject 7e0b1c2d-… --comment 'not during the sale'")
    static final class Reject extends Action {
        @Parameters(index = "0", paramLabel = "DEPLOYMENT", description = "the deployment's id")
        String deployment;

        @Option(names = "--comment", paramLabel = "TEXT", description = "why")
        @Nullable
        String comment;

        @Override
        int run(Session session) {
            return decide(session, null, deployment, "reject", comment);
        }
    }

    @Command(
            name = "cancel",
            description = "Cancel a queued deployment, or withdraw one awaiting approval.",
            footerHeading = "%nExample:%n",
            footer = "  stagecraft cancel 0c8e2f4a-…")
    static final class Cancel extends Action {
        @Parameters(index = "0", paramLabel = "DEPLOYMENT", description = "the deployment's id")
        String deployment;

        @Override
        int run(Session session) {
            return decide(session, null, deployment, "cancel", null);
        }
    }

    private static int decide(
            Session session, @Nullable WaitOptions waiting, String deployment, String verb, @Nullable String comment) {
        String id = deploymentId(deployment);
        ObjectNode body = comment == null ? null : Json.object().put("comment", comment);
        return Submission.submit(
                session,
                waiting,
                new Submission.Request(
                        "POST",
                        "/api/v1/deployments/" + id + "/" + verb,
                        body,
                        Map.of("deploymentId", id),
                        verb + " deployment " + id));
    }

    static String deploymentId(String text) {
        try {
            return UUID.fromString(text.strip()).toString();
        } catch (IllegalArgumentException e) {
            throw Failure.usage("'" + text + "' is not a deployment id; deployment ids are UUIDs, as"
                    + " 'stagecraft history <app> <env>' shows them");
        }
    }
}
