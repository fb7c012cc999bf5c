package dev.stagecraft.command;

import java.util.List;

/**
 * One thing wrong with a command: the field (as the sender named it, e.g. {@code pipeline[1].environment})
 * and the reason, a sentence fragment that follows the field name ({@code is required}).
 */
public record Problem(String field, String reason) {

    /** A problem from a JSON Schema sentence {@code field: reason} of the message codec. */
    public static Problem fromSchema(String sentence) {
        int colon = sentence.indexOf(": ");
        return colon < 0
                ? new Problem("(body)", sentence)
                : new Problem(sentence.substring(0, colon), sentence.substring(colon + 2));
    }

    /** The sentence explaining why a command is invalid: {@code command X is invalid: version is required} */
    public static String invalidCommand(String type, List<Problem> problems) {
        return "command " + type + " is invalid: "
                + String.join("; ", problems.stream().map(Problem::sentence).toList());
    }

    /** {@code version is required}. */
    public String sentence() {
        return field + " " + reason;
    }

    public Problem renamed(String newField) {
        return new Problem(newField, reason);
    }
}
