package dev.stagecraft.command.intake.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.stagecraft.command.RejectionCode;
import dev.stagecraft.command.intake.Outcome;
import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.DeploymentId;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Renders the outcome of a command as the REST answer: {@code 202 Accepted} with links, or an RFC 9457
 * problem. Rendering depends on the outcome only, so a repeated command gets the same answer.
 */
@Component
class Answers {

    static final String PROBLEM_TYPE_PREFIX = "urn:stagecraft:problem:";

    private final CommandProperties properties;

    Answers(CommandProperties properties) {
        this.properties = properties;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Accepted(CommandId commandId, @Nullable DeploymentId deploymentId, Links links) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Links(String command, @Nullable String deployment) {}

    ResponseEntity<?> of(Outcome outcome) {
        return outcome.isAccepted() ? accepted(outcome) : rejected(outcome);
    }

    private ResponseEntity<Accepted> accepted(Outcome outcome) {
        DeploymentId deployment = outcome.deploymentId();
        Links links = new Links(
                commandPath(outcome.commandId()), deployment == null ? null : properties.deploymentUrl(deployment));
        return ResponseEntity.accepted()
                .location(URI.create(links.command()))
                .body(new Accepted(outcome.commandId(), deployment, links));
    }

    private ResponseEntity<ProblemDetail> rejected(Outcome outcome) {
        RejectionCode code = outcome.rejectionCode();
        ProblemDetail problem = problem(status(code), title(code), String.valueOf(outcome.message()));
        problem.setType(URI.create(PROBLEM_TYPE_PREFIX + code.code()));
        problem.setInstance(URI.create(commandPath(outcome.commandId())));
        problem.setProperty("code", code.code());
        problem.setProperty("commandId", outcome.commandId().toString());
        if (!outcome.errors().isEmpty()) {
            problem.setProperty("errors", outcome.errors());
        }
        return problemAnswer(problem);
    }

    static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    static ResponseEntity<ProblemDetail> problemAnswer(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    static String commandPath(CommandId id) {
        return "/api/v1/commands/" + id;
    }

    static HttpStatus status(RejectionCode code) {
        return switch (code) {
            case MALFORMED, INVALID -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case LOCKED -> HttpStatus.LOCKED;
        };
    }

    private static String title(RejectionCode code) {
        return switch (code) {
            case MALFORMED -> "Malformed request";
            case INVALID -> "Invalid command";
            case NOT_FOUND -> "Not found";
            case CONFLICT -> "Conflict with the current state";
            case FORBIDDEN -> "Missing role";
            case LOCKED -> "Environment locked";
        };
    }
}
