package dev.stagecraft.command;

import java.util.List;

/**
 * Thrown while deciding a command that must be rejected. The transaction of the decision rolls back; the
 * rejection is then recorded and announced in a transaction of its own.
 */
public class CommandRefusedException extends RuntimeException {

    private final RejectionCode code;
    private final List<Problem> problems;

    public CommandRefusedException(RejectionCode code, String message) {
        this(code, message, List.of());
    }

    public CommandRefusedException(RejectionCode code, String message, List<Problem> problems) {
        super(message, null, false, false);
        this.code = code;
        this.problems = List.copyOf(problems);
    }

    public RejectionCode code() {
        return code;
    }

    public List<Problem> problems() {
        return problems;
    }

    public static CommandRefusedException notFound(String message) {
        return new CommandRefusedException(RejectionCode.NOT_FOUND, message);
    }

    public static CommandRefusedException conflict(String message) {
        return new CommandRefusedException(RejectionCode.CONFLICT, message);
    }
}
