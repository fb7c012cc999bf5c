package dev.stagecraft.command.intake.web;

import dev.stagecraft.command.Problem;
import dev.stagecraft.command.RejectionCode;
import dev.stagecraft.contracts.MessageCodec;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Reads request bodies. What cannot be read is explained without quoting the body, which may hold
 * secret values: where the JSON breaks, or which field has the wrong type.
 */
final class RestBodies {

    private RestBodies() {}

    /** A body that could not be read: malformed JSON, or a field of the wrong JSON type. */
    static final class UnreadableBody extends RuntimeException {

        private final RejectionCode code;
        private final Problem problem;

        UnreadableBody(RejectionCode code, String message, Problem problem) {
            super(message, null, false, false);
            this.code = code;
            this.problem = problem;
        }

        RejectionCode code() {
            return code;
        }

        List<Problem> problems() {
            return List.of(problem);
        }
    }

    static <T> T read(byte @Nullable [] body, Class<T> type) {
        if (body == null || body.length == 0) {
            throw malformed("is empty");
        }
        try {
            T value = MessageCodec.instance().mapper().readValue(body, type);
            if (value == null) {
                throw malformed("must be a JSON object");
            }
            return value;
        } catch (MismatchedInputException e) {
            throw wrongType(e);
        } catch (StreamReadException e) {
            throw malformed("is not valid JSON" + where(e.getLocation()));
        } catch (JacksonException e) {
            throw malformed("could not be read as JSON" + where(e.getLocation()));
        }
    }

    private static UnreadableBody malformed(String reason) {
        return new UnreadableBody(
                RejectionCode.MALFORMED,
                "the request body " + reason + "; send a JSON object as described in the API documentation",
                new Problem("(body)", reason));
    }

    private static UnreadableBody wrongType(MismatchedInputException e) {
        String field = field(e.getPath());
        if (field.isEmpty()) {
            return malformed("must be a JSON object");
        }
        Problem problem = new Problem(field, "has the wrong JSON type; expected " + expected(e.getTargetType()));
        return new UnreadableBody(RejectionCode.INVALID, "the request body is invalid: " + problem.sentence(), problem);
    }

    private static String field(List<JacksonException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JacksonException.Reference reference : path) {
            if (reference.getPropertyName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    private static String expected(@Nullable Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (java.util.Map.class.isAssignableFrom(type)) {
            return "an object of string values";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return type == String.class ? "a string" : "an object";
    }

    private static String where(@Nullable TokenStreamLocation location) {
        return location == null || location.getLineNr() < 0
                ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
