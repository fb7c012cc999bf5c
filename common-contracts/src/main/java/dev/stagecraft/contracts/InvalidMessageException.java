package dev.stagecraft.contracts;

import java.util.List;

/**
 * A message that cannot be accepted: unknown type, malformed JSON, or a body its schema refuses.
 * {@link #problems()} are sentences naming the offending field, e.g. {@code version: is required}.
 */
public class InvalidMessageException extends RuntimeException {

    private final String code;
    private final List<String> problems;

    public InvalidMessageException(String code, List<String> problems) {
        super(String.join("; ", problems));
        this.code = code;
        this.problems = List.copyOf(problems);
    }

    /** A machine-readable reason: {@code unknown-type}, {@code malformed-json}, {@code schema-violation}. */
    public String code() {
        return code;
    }

    public List<String> problems() {
        return problems;
    }
}
