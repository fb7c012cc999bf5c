package dev.stagecraft.command.intake.web;

import dev.stagecraft.command.Problem;
import dev.stagecraft.command.access.Caller;
import dev.stagecraft.command.access.CurrentCaller;
import dev.stagecraft.command.intake.CommandHandler;
import dev.stagecraft.command.intake.Rejection;
import dev.stagecraft.command.intake.Subject;
import dev.stagecraft.command.intake.Submission;
import dev.stagecraft.command.intake.web.Requests.CreateEnvironmentRequest;
import dev.stagecraft.command.intake.web.Requests.RegisterApplicationRequest;
import dev.stagecraft.command.intake.web.Requests.UpdateEnvironmentRequest;
import dev.stagecraft.contracts.CommandId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /applications}, {@code POST /applications/{app}/environments} and
 * {@code PATCH /applications/{app}/environments/{env}}: each builds the command record an AMQP client
 * would send and hands it to the {@link CommandHandler}. The body is read here rather than by Spring,
 * so that even an unreadable body is recorded and answered as a rejected command.
 */
@RestController
@RequestMapping("/api/v1")
class CommandsController {

    static final String CHANNEL = "rest";
    static final String ACTOR_HEADER = "X-Stagecraft-Actor";
    static final String DEFAULT_ACTOR = "anonymous";

    private final CommandHandler handler;
    private final Answers answers;

    CommandsController(CommandHandler handler, Answers answers) {
        this.handler = handler;
        this.answers = answers;
    }

    @PostMapping("/applications")
    ResponseEntity<?> register(
            @RequestBody(required = false) byte @Nullable [] body,
            @RequestHeader(name = CommandIds.IDEMPOTENCY_KEY, required = false) @Nullable String key,
            @RequestHeader(name = ACTOR_HEADER, required = false) @Nullable String actor) {
        Request request = new Request(CommandIds.of(key), actorOf(actor), "application.register", null, null);
        return answer(
                request,
                body,
                RegisterApplicationRequest.class,
                (registration, problems) -> new Submission(
                        registration.toCommand(request.id(), request.actor()), CHANNEL, problems, Map.of()));
    }

    @PostMapping("/applications/{app}/environments")
    ResponseEntity<?> create(
            @PathVariable String app,
            @RequestBody(required = false) byte @Nullable [] body,
            @RequestHeader(name = CommandIds.IDEMPOTENCY_KEY, required = false) @Nullable String key,
            @RequestHeader(name = ACTOR_HEADER, required = false) @Nullable String actor) {
        Request request = new Request(CommandIds.of(key), actorOf(actor), "environment.create", app, null);
        return answer(
                request,
                body,
                CreateEnvironmentRequest.class,
                (creation, problems) -> new Submission(
                        creation.toCommand(request.id(), request.actor(), app, problems),
                        CHANNEL,
                        problems,
                        Map.of("environment", "name")));
    }

    @PatchMapping("/applications/{app}/environments/{env}")
    ResponseEntity<?> update(
            @PathVariable String app,
            @PathVariable String env,
            @RequestBody(required = false) byte @Nullable [] body,
            @RequestHeader(name = CommandIds.IDEMPOTENCY_KEY, required = false) @Nullable String key,
            @RequestHeader(name = ACTOR_HEADER, required = false) @Nullable String actor) {
        Request request = new Request(CommandIds.of(key), actorOf(actor), "environment.update", app, env);
        return answer(
                request,
                body,
                UpdateEnvironmentRequest.class,
                (update, problems) -> new Submission(
                        update.toCommand(request.id(), request.actor(), app, env, problems),
                        CHANNEL,
                        problems,
                        Map.of()));
    }

    /** What a request is, before its body is read. */
    private record Request(
            CommandId id,
            String actor,
            String commandType,
            @Nullable String app,
            @Nullable String environment) {}

    private interface ToSubmission<T> {
        Submission apply(T body, List<Problem> problemsFound);
    }

    private <T> ResponseEntity<?> answer(
            Request request, byte @Nullable [] body, Class<T> bodyType, ToSubmission<T> toSubmission) {
        T parsed;
        try {
            parsed = RestBodies.read(body, bodyType);
        } catch (RestBodies.UnreadableBody unreadable) {
            return answers.of(handler.reject(rejection(request, unreadable)));
        }
        List<Problem> problems = new ArrayList<>();
        Submission submission = toSubmission.apply(parsed, problems);
        return answers.of(handler.handle(submission));
    }

    private static Rejection rejection(Request request, RestBodies.UnreadableBody unreadable) {
        Subject subject = Subject.of(request.app(), request.environment());
        return new Rejection(
                request.id(),
                request.commandType(),
                request.actor(),
                CHANNEL,
                subject.app(),
                subject.environment(),
                unreadable.code(),
                String.valueOf(unreadable.getMessage()),
                unreadable.problems());
    }

    /**
     * Who sends a REST command: the authenticated user of the request. The {@code X-Stagecraft-Actor} header that
     * named the actor before REST calls were authenticated is ignored when there is one (it cannot make anyone
     * somebody else); it is only a fallback outside an authenticated request.
     */
    static String actorOf(@Nullable String header) {
        return CurrentCaller.get()
                .map(Caller::name)
                .orElseGet(() -> header == null || header.isBlank() ? DEFAULT_ACTOR : header.trim());
    }
}
