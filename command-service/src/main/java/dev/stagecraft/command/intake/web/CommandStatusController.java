package dev.stagecraft.command.intake.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.stagecraft.command.Problem;
import dev.stagecraft.command.access.Caller;
import dev.stagecraft.command.access.CurrentCaller;
import dev.stagecraft.command.access.Permissions;
import dev.stagecraft.command.access.Role;
import dev.stagecraft.command.intake.CommandHandler;
import dev.stagecraft.command.intake.CommandStatus;
import dev.stagecraft.command.intake.Outcome;
import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.DeploymentId;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/commands/{id}}: how a command was answered, whichever channel it came through. */
@RestController
@RequestMapping("/api/v1/commands")
class CommandStatusController {

    private final CommandHandler handler;

    CommandStatusController(CommandHandler handler) {
        this.handler = handler;
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record CommandView(
            CommandId commandId,
            String type,
            CommandStatus status,
            @Nullable DeploymentId deploymentId,
            @Nullable String app,
            @Nullable String environment,
            @Nullable String code,
            @Nullable String message,
            List<Problem> errors) {

        static CommandView of(Outcome outcome) {
            return new CommandView(
                    outcome.commandId(),
                    outcome.commandType(),
                    outcome.status(),
                    outcome.deploymentId(),
                    outcome.app(),
                    outcome.environment(),
                    outcome.code(),
                    outcome.message(),
                    outcome.errors());
        }
    }

    @GetMapping("/{id}")
    ResponseEntity<?> command(@PathVariable String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return problem(
                    HttpStatus.BAD_REQUEST,
                    "Invalid command id",
                    "'" + id + "' is not a command id;"
                            + " use the commandId of a 202 answer or the UUID you sent as Idempotency-Key",
                    id);
        }
        return handler.outcomeOf(new CommandId(uuid))
                .<ResponseEntity<?>>map(outcome -> mayRead(outcome)
                        ? ResponseEntity.ok(CommandView.of(outcome))
                        : problem(HttpStatus.FORBIDDEN, "Missing role", cannotRead(outcome), uuid.toString()))
                .orElseGet(() -> problem(
                        HttpStatus.NOT_FOUND,
                        "Unknown command",
                        "command " + uuid + " is unknown; it was never received, or under another id",
                        uuid.toString()));
    }

    /** Reading a command needs the viewer role on its application. */
    private static boolean mayRead(Outcome outcome) {
        return CurrentCaller.get()
                .filter(caller -> caller.has(Role.VIEWER, outcome.app()))
                .isPresent();
    }

    private static String cannotRead(Outcome outcome) {
        Caller caller = CurrentCaller.get().orElse(Caller.user("unknown", List.of()));
        String where = outcome.app() == null ? " for all applications" : " in " + outcome.app();
        return caller.name() + " may not read this command: that needs the viewer role" + where + ", " + caller.name()
                + " has " + Permissions.holding(caller, outcome.app())
                + "; an admin can grant it with PUT /api/v1/users/"
                + caller.name();
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail, String id) {
        ProblemDetail problem = Answers.problem(status, title, detail);
        problem.setInstance(URI.create("/api/v1/commands/" + URLEncoder.encode(id, StandardCharsets.UTF_8)));
        return Answers.problemAnswer(problem);
    }
}
