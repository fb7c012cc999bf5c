package dev.stagecraft.command.intake;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.stagecraft.command.Problem;
import dev.stagecraft.command.RejectionCode;
import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.DeploymentId;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The first and only outcome of a command, stored with it: a repeated command id is answered with
 * exactly this. {@code code}, {@code message} and {@code errors} explain a rejection.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Outcome(
        CommandId commandId,
        String commandType,
        CommandStatus status,
        @Nullable DeploymentId deploymentId,
        @Nullable String app,
        @Nullable String environment,
        @Nullable String code,
        @Nullable String message,
        List<Problem> errors) {

    public Outcome {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    static Outcome accepted(
            CommandId commandId,
            String commandType,
            @Nullable String app,
            @Nullable String environment,
            @Nullable DeploymentId deploymentId) {
        return new Outcome(
                commandId, commandType, CommandStatus.ACCEPTED, deploymentId, app, environment, null, null, List.of());
    }

    static Outcome rejected(Rejection rejection) {
        return new Outcome(
                rejection.commandId(),
                rejection.commandType(),
                CommandStatus.REJECTED,
                null,
                rejection.app(),
                rejection.environment(),
                rejection.code().code(),
                rejection.message(),
                rejection.problems());
    }

    @JsonIgnore
    public boolean isAccepted() {
        return status == CommandStatus.ACCEPTED;
    }

    /** The rejection code; only for a rejected command. */
    public RejectionCode rejectionCode() {
        if (code == null) {
            throw new IllegalStateException("command " + commandId + " was not rejected");
        }
        return RejectionCode.ofCode(code);
    }
}
