package dev.stagecraft.cli;

import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Sends a command to command-service and either reports it accepted at once (with the deployment id) or, with
 * {@code --wait}, follows the deployment to its end and answers the exit code of how it ended.
 */
final class Submission {

    /** A command: its request, the stream filter that sees its deployment's events, and how to title its progress. */
    record Request(
            String method, String path, @Nullable JsonNode body, Map<String, String> watchFilter, String title) {}

    private Submission() {}

    static int submit(Session session, @Nullable WaitOptions options, Request request) {
        boolean wait = options != null && options.wait;
        session.settings().requireToken(); // before the stream is opened: say what is missing first
        try (DeploymentWatch watch = wait ? DeploymentWatch.open(session, request.watchFilter()) : null) {
            JsonNode accepted = session.api()
                    .send(Api.Service.COMMAND, request.method(), request.path(), request.body())
                    .body();
            String deploymentId = Json.text(accepted, "deploymentId");
            if (watch == null || deploymentId == null) {
                printAccepted(session, accepted, request);
                return ExitCode.OK;
            }
            int columns = session.terminal().ansi ? Terminal.columns(session.env()) : Integer.MAX_VALUE;
            ProgressView view =
                    new ProgressView(session.terminal(), deploymentId, request.title(), session.json(), columns);
            view.show();
            DeploymentWatch.Outcome outcome = watch.follow(deploymentId, options.timeout, view);
            return report(session, deploymentId, outcome, options.timeout, view);
        }
    }

    private static void printAccepted(Session session, @Nullable JsonNode accepted, Request request) {
        if (session.json()) {
            session.printJson(accepted == null ? Json.object() : accepted);
            return;
        }
        String deploymentId = Json.text(accepted, "deploymentId");
        String commandId = Json.show(accepted, "commandId");
        if (deploymentId == null || request.title().contains(deploymentId)) {
            session.print("accepted: " + request.title() + " (command " + commandId + ")");
            return;
        }
        Terminal terminal = session.terminal();
        session.print("accepted: " + request.title() + ", deployment " + terminal.bold(deploymentId) + " (command "
                + commandId + ")\nfollow it: stagecraft logs " + deploymentId + ", or add --wait");
    }

    private static int report(
            Session session,
            String deploymentId,
            DeploymentWatch.Outcome outcome,
            Duration timeout,
            ProgressView progress) {
        if (session.json()) {
            session.printJson(
                    outcome.view() != null
                            ? outcome.view()
                            : Json.object().put("id", deploymentId).put("status", outcome.status()));
        }
        Terminal terminal = session.terminal();
        JsonNode view = outcome.view();
        if (outcome.succeeded()) {
            if (!session.json()) {
                String took = view == null || !view.hasNonNull("durationMs")
                        ? ""
                        : " in " + seconds(view.path("durationMs").asLong());
                session.print(terminal.green("✔") + " deployment " + deploymentId + " succeeded" + took);
            }
            return ExitCode.OK;
        }
        if ("TIMEOUT".equals(outcome.status())) {
            String status = view == null ? "not finished" : "still " + Json.show(view, "status");
            throw new Failure(
                    ExitCode.TIMEOUT,
                    "deployment " + deploymentId + " is " + status + " after "
                            + timeout.toString().substring(2).toLowerCase() + "; follow it with 'stagecraft logs "
                            + deploymentId + "' or wait longer with --timeout");
        }
        throw new Failure(ExitCode.DEPLOYMENT_FAILED, failureSentence(deploymentId, outcome, progress.note()));
    }

    static String failureSentence(String deploymentId, DeploymentWatch.Outcome outcome, @Nullable String streamed) {
        JsonNode view = outcome.view();
        String status = outcome.status().toLowerCase();
        String step = Json.text(view, "failedStep");
        String error = Json.text(view, "error") != null ? Json.text(view, "error") : streamed;
        return "deployment " + deploymentId + " " + status + (step == null ? "" : " at step " + step)
                + (error == null ? "" : ": " + error)
                + "; see 'stagecraft logs " + deploymentId + "'";
    }

    static String seconds(long millis) {
        return String.format("%.1f s", millis / 1000.0);
    }
}
