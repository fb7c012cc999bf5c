package dev.stagecraft.command.intake.web;

import dev.stagecraft.command.intake.CommandHandler;
import dev.stagecraft.command.intake.Rejection;
import dev.stagecraft.command.intake.Subject;
import dev.stagecraft.command.intake.Submission;
import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.command.Command;
import dev.stagecraft.contracts.command.LockEnvironment;
import dev.stagecraft.contracts.command.UnlockEnvironment;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code PUT …/{env}/lock} {@code {"reason":"release freeze"}} and {@code DELETE …/{env}/lock[?force=true]}: build
 * {@code environment.lock} / {@code environment.unlock} as an AMQP client would and hand them to the
 * {@link CommandHandler}.
 */
@RestController
@RequestMapping("/api/v1/applications/{app}/environments/{env}/lock")
class LockController {

    /** The body of {@code PUT …/lock}. */
    record LockRequest(@Nullable String reason) {}

    private final CommandHandler handler;
    private final Answers answers;

    LockController(CommandHandler handler, Answers answers) {
        this.handler = handler;
        this.answers = answers;
    }

    @PutMapping
    ResponseEntity<?> lock(
            @PathVariable String app,
            @PathVariable String env,
            @RequestBody(required = false) byte @Nullable [] body,
            @RequestHeader(name = CommandIds.IDEMPOTENCY_KEY, required = false) @Nullable String key,
            @RequestHeader(name = CommandsController.ACTOR_HEADER, required = false) @Nullable String actor) {
        CommandId id = CommandIds.of(key);
        String who = CommandsController.actorOf(actor);
        LockRequest request;
        try {
            request = RestBodies.read(body, LockRequest.class);
        } catch (RestBodies.UnreadableBody unreadable) {
            Subject subject = Subject.of(app, env);
            return answers.of(handler.reject(new Rejection(
                    id,
                    "environment.lock",
                    who,
                    CommandsController.CHANNEL,
                    subject.app(),
                    subject.environment(),
                    unreadable.code(),
                    String.valueOf(unreadable.getMessage()),
                    unreadable.problems())));
        }
        return submit(new LockEnvironment(id, who, app, env, request.reason()));
    }

    @DeleteMapping
    ResponseEntity<?> unlock(
            @PathVariable String app,
            @PathVariable String env,
            @RequestParam(name = "force", defaultValue = "false") boolean force,
            @RequestHeader(name = CommandIds.IDEMPOTENCY_KEY, required = false) @Nullable String key,
            @RequestHeader(name = CommandsController.ACTOR_HEADER, required = false) @Nullable String actor) {
        CommandId id = CommandIds.of(key);
        return submit(new UnlockEnvironment(id, CommandsController.actorOf(actor), app, env, force));
    }

    private ResponseEntity<?> submit(Command command) {
        return answers.of(handler.handle(Submission.of(command, CommandsController.CHANNEL)));
    }
}
