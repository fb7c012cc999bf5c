package dev.stagecraft.command.intake;

import dev.stagecraft.command.Problem;
import dev.stagecraft.command.RejectionCode;
import dev.stagecraft.contracts.CommandId;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A command refused, with what it is about (when its names are valid), who sent it, and why: a code, a
 * sentence for people and the problems field by field.
 */
public record Rejection(
        CommandId commandId,
        String commandType,
        String actor,
        String channel,
        @Nullable String app,
        @Nullable String environment,
        RejectionCode code,
        String message,
        List<Problem> problems) {

    public Rejection {
        problems = List.copyOf(problems);
    }
}
