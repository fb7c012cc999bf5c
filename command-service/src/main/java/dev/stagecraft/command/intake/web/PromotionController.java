package dev.stagecraft.command.intake.web;

import dev.stagecraft.command.Problem;
import dev.stagecraft.command.RejectionCode;
import dev.stagecraft.command.intake.CommandHandler;
import dev.stagecraft.command.intake.Rejection;
import dev.stagecraft.command.intake.Subject;
import dev.stagecraft.command.intake.Submission;
import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.command.ApproveDeployment;
import dev.stagecraft.contracts.command.Command;
import dev.stagecraft.contracts.command.Promote;
import dev.stagecraft.contracts.command.RejectDeployment;
import dev.stagecraft.contracts.command.Rollback;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The promotion pipeline over REST: {@code POST /applications/{app}/promotions} ({@code {"version", "to"?,
 * "force"?}}), {@code POST /applications/{app}/environments/{env}/rollback} (body optional:
 * {@code {"version"}}), {@code POST /deployments/{id}/approve} and {@code /reject} (body optional:
 * {@code {"comment"}}). Each builds the command an AMQP client would send and hands it to the
 * {@link CommandHandler}; a body that cannot be read is answered as a rejected command, as elsewhere.
 */
@RestController
@RequestMapping("/api/v1")
class PromotionController {

    record PromoteRequest(
            @Nullable String version,
            @Nullable String to,
            @Nullable Boolean force) {}

    record RollbackRequest(@Nullable String version) {}

    record AnswerRequest(@Nullable String comment) {}

    private final CommandHandler handler;
    private final Answers answers;

    PromotionController(CommandHandler handler, Answers answers) {
        this.handler = handler;
        this.answers = answers;
    }

    @PostMapping("/applications/{app}/promotions")
    ResponseEntity<?> promote(
            @PathVariable String app,
            @RequestBody(required = false) byte @Nullable [] body,
            @RequestHeader(name = CommandIds.IDEMPOTENCY_KEY, required = false) @Nullable String key,
            @RequestHeader(name = CommandsController.ACTOR_HEADER, required = false) @Nullable String actor) {
        Meta meta = new Meta(CommandIds.of(key), CommandsController.actorOf(actor), "promote", app, null);
        return read(meta, body, PromoteRequest.class, false)
                .map(request -> new Promote(
                        meta.id(),
                        meta.actor(),
                        app,
                        request == null ? null : request.version(),
                        request == null ? null : request.to(),
                        request != null && Boolean.TRUE.equals(request.force())));
    }

    @PostMapping("/applications/{app}/environments/{env}/rollback")
    ResponseEntity<?> rollback(
            @PathVariable String app,
            @PathVariable String env,
            @RequestBody(required = false) byte @Nullable [] body,
            @RequestHeader(name = CommandIds.IDEMPOTENCY_KEY, required = false) @Nullable String key,
            @RequestHeader(name = CommandsController.ACTOR_HEADER, required = false) @Nullable String actor) {
        Meta meta = new Meta(CommandIds.of(key), CommandsController.actorOf(actor), "rollback", app, env);
        return read(meta, body, RollbackRequest.class, true)
                .map(request ->
                        new Rollback(meta.id(), meta.actor(), app, env, request == null ? null : request.version()));
    }

    @PostMapping("/deployments/{deployment}/approve")
    ResponseEntity<?> approve(
            @PathVariable String deployment,
            @RequestBody(required = false) byte @Nullable [] body,
            @RequestHeader(name = CommandIds.IDEMPOTENCY_KEY, required = false) @Nullable String key,
            @RequestHeader(name = CommandsController.ACTOR_HEADER, required = false) @Nullable String actor) {
        Meta meta = new Meta(CommandIds.of(key), CommandsController.actorOf(actor), "deployment.approve", null, null);
        return answer(
                meta, deployment, body, (id, comment) -> new ApproveDeployment(meta.id(), meta.actor(), id, comment));
    }

    @PostMapping("/deployments/{deployment}/reject")
    ResponseEntity<?> reject(
            @PathVariable String deployment,
            @RequestBody(required = false) byte @Nullable [] body,
            @RequestHeader(name = CommandIds.IDEMPOTENCY_KEY, required = false) @Nullable String key,
            @RequestHeader(name = CommandsController.ACTOR_HEADER, required = false) @Nullable String actor) {
        Meta meta = new Meta(CommandIds.of(key), CommandsController.actorOf(actor), "deployment.reject", null, null);
        return answer(
                meta, deployment, body, (id, comment) -> new RejectDeployment(meta.id(), meta.actor(), id, comment));
    }

    /** What a request is, before its body is read. */
    private record Meta(
            CommandId id,
            String actor,
            String commandType,
            @Nullable String app,
            @Nullable String environment) {}

    private interface ToAnswer {
        Command apply(DeploymentId id, @Nullable String comment);
    }

    /** A body read, or the answer to one that could not be. */
    private final class Read<T> {

        private final @Nullable T body;
        private final @Nullable ResponseEntity<?> refused;

        private Read(@Nullable T body, @Nullable ResponseEntity<?> refused) {
            this.body = body;
            this.refused = refused;
        }

        ResponseEntity<?> map(Function<@Nullable T, Command> toCommand) {
            if (refused != null) {
                return refused;
            }
            return answers.of(handler.handle(Submission.of(toCommand.apply(body), CommandsController.CHANNEL)));
        }
    }

    private ResponseEntity<?> answer(Meta meta, String deployment, byte @Nullable [] body, ToAnswer toCommand) {
        DeploymentId id;
        try {
            id = DeploymentId.parse(deployment);
        } catch (IllegalArgumentException e) {
            Problem problem = new Problem("deploymentId", "must be a deployment id (a UUID), not '" + deployment + "'");
            return answers.of(handler.reject(rejection(
                    meta,
                    RejectionCode.INVALID,
                    meta.commandType() + " is invalid: deploymentId " + problem.reason(),
                    List.of(problem))));
        }
        return read(meta, body, AnswerRequest.class, true)
                .map(request -> toCommand.apply(id, request == null ? null : request.comment()));
    }

    private <T> Read<T> read(Meta meta, byte @Nullable [] body, Class<T> type, boolean optional) {
        if (optional && (body == null || body.length == 0)) {
            return new Read<>(null, null);
        }
        try {
            return new Read<>(RestBodies.read(body, type), null);
        } catch (RestBodies.UnreadableBody unreadable) {
            return new Read<>(
                    null,
                    answers.of(handler.reject(rejection(
                            meta, unreadable.code(), String.valueOf(unreadable.getMessage()), unreadable.problems()))));
        }
    }

    private static Rejection rejection(Meta meta, RejectionCode code, String message, List<Problem> problems) {
        Subject subject = Subject.of(meta.app(), meta.environment());
        return new Rejection(
                meta.id(),
                meta.commandType(),
                meta.actor(),
                CommandsController.CHANNEL,
                subject.app(),
                subject.environment(),
                code,
                message,
                problems);
    }
}
