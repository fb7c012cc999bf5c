package dev.stagecraft.command.intake;

import dev.stagecraft.command.Problem;
import dev.stagecraft.command.access.Caller;
import dev.stagecraft.contracts.command.Command;
import java.util.List;
import java.util.Map;

/**
 * A command as a channel hands it to the {@link CommandHandler}: the record, the channel's name
 * ({@code rest}, {@code amqp}), problems the channel found while reading it (e.g. a schema violation of
 * the raw message, an unreadable ttl), and how the channel names fields the record names differently
 * (REST calls an environment's name {@code name}), so that every explanation names what the sender sent, and the
 * {@link Caller} the channel established (whose roles the handler checks).
 */
public record Submission(
        Command command, String channel, List<Problem> problems, Map<String, String> fieldNames, Caller caller) {

    public Submission {
        problems = List.copyOf(problems);
        fieldNames = Map.copyOf(fieldNames);
    }

    /** A submission from a trusted channel (AMQP, the scheduler, a verified web hook): its actor holds every role. */
    public Submission(Command command, String channel, List<Problem> problems, Map<String, String> fieldNames) {
        this(command, channel, problems, fieldNames, Caller.trusted(command.actor()));
    }

    public static Submission of(Command command, String channel) {
        return new Submission(command, channel, List.of(), Map.of());
    }

    public static Submission of(Command command, String channel, Caller caller) {
        return new Submission(command, channel, List.of(), Map.of(), caller);
    }

    /** The problem with its field named as the sender named it. */
    Problem inSenderTerms(Problem problem) {
        String field = problem.field();
        for (Map.Entry<String, String> name : fieldNames.entrySet()) {
            if (field.equals(name.getKey()) || field.startsWith(name.getKey() + ".")) {
                return problem.renamed(
                        name.getValue() + field.substring(name.getKey().length()));
            }
        }
        return problem;
    }
}
