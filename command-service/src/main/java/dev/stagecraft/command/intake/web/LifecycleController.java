package dev.stagecraft.command.intake.web;

import dev.stagecraft.command.Problem;
import dev.stagecraft.command.RejectionCode;
import dev.stagecraft.command.intake.CommandHandler;
import dev.stagecraft.command.intake.Rejection;
import dev.stagecraft.command.intake.Submission;
import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.command.ArchiveEnvironment;
import dev.stagecraft.contracts.command.CancelDeployment;
import dev.stagecraft.contracts.command.CleanupEnvironment;
import dev.stagecraft.contracts.command.Command;
import dev.stagecraft.contracts.command.RestoreEnvironment;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The lifecycle of an environment and its deployments, commands without a body:
 * {@code POST …/{env}/archive}, {@code POST …/{env}/restore}, {@code DELETE …/{env}} (cleanup) and
 * {@code POST /deployments/{id}/cancel}. Each builds the command an AMQP client would send and hands it to
 * the {@link CommandHandler}, so both channels are answered alike.
 */
@RestController
@RequestMapping("/api/v1")
class LifecycleController {

    private final CommandHandler handler;
    private final Answers answers;

    LifecycleController(CommandHandler handler, Answers answers) {
        this.handler = handler;
        this.answers = answers;
    }

    @PostMapping("/applications/{app}/environments/{env}/archive")
    ResponseEntity<?> archive(
            @PathVariable String app,
            @PathVariable String env,
            @RequestHeader(name = CommandIds.IDEMPOTENCY_KEY, required = false) @Nullable String key,
            @RequestHeader(name = CommandsController.ACTOR_HEADER, required = false) @Nullable String actor) {
        CommandId id = CommandIds.of(key);
        return submit(new ArchiveEnvironment(id, CommandsController.actorOf(actor), app, env));
    }

    @PostMapping("/applications/{app}/environments/{env}/restore")
    ResponseEntity<?> restore(
            @PathVariable String app,
            @PathVariable String env,
            @RequestHeader(name = CommandIds.IDEMPOTENCY_KEY, required = false) @Nullable String key,
            @RequestHeader(name = CommandsController.ACTOR_HEADER, required = false) @Nullable String actor) {
        CommandId id = CommandIds.of(key);
        return submit(new RestoreEnvironment(id, CommandsController.actorOf(actor), app, env));
    }

    @DeleteMapping("/applications/{app}/environments/{env}")
    ResponseEntity<?> cleanup(
            @PathVariable String app,
            @PathVariable String env,
            @RequestHeader(name = CommandIds.IDEMPOTENCY_KEY, required = false) @Nullable String key,
            @RequestHeader(name = CommandsController.ACTOR_HEADER, required = false) @Nullable String actor) {
        CommandId id = CommandIds.of(key);
        return submit(new CleanupEnvironment(id, CommandsController.actorOf(actor), app, env));
    }

    @PostMapping("/deployments/{deployment}/cancel")
    ResponseEntity<?> cancel(
            @PathVariable String deployment,
            @RequestHeader(name = CommandIds.IDEMPOTENCY_KEY, required = false) @Nullable String key,
            @RequestHeader(name = CommandsController.ACTOR_HEADER, required = false) @Nullable String actor) {
        CommandId id = CommandIds.of(key);
        String who = CommandsController.actorOf(actor);
        DeploymentId deploymentId;
        try {
            deploymentId = DeploymentId.parse(deployment);
        } catch (IllegalArgumentException e) {
            Problem problem = new Problem("deploymentId", "must be a deployment id (a UUID), not '" + deployment + "'");
            return answers.of(handler.reject(new Rejection(
                    id,
                    "deployment.cancel",
                    who,
                    CommandsController.CHANNEL,
                    null,
                    null,
                    RejectionCode.INVALID,
                    "deployment.cancel is invalid: deploymentId " + problem.reason(),
                    List.of(problem))));
        }
        return submit(new CancelDeployment(id, who, deploymentId));
    }

    private ResponseEntity<?> submit(Command command) {
        return answers.of(handler.handle(Submission.of(command, CommandsController.CHANNEL)));
    }
}
