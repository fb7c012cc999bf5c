package dev.stagecraft.command.intake;

import dev.stagecraft.command.Problem;
import dev.stagecraft.command.access.Caller;
import dev.stagecraft.command.access.CurrentCaller;
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

    /** The channel whose callers are authenticated users ({@code CommandsController.CHANNEL}). */
    static final String REST = "rest";

    public Submission {
        problems = List.copyOf(problems);
        fieldNames = Map.copyOf(fieldNames);
    }

    /**
     * A submission whose caller follows from the channel: over REST the authenticated user of the request being
     * served (nobody, holding no role, if there were none), otherwise a trusted channel (AMQP, the scheduler, a
     * verified web hook) whose actor holds every role.
     */
    public Submission(Command command, String channel, List<Problem> problems, Map<String, String> fieldNames) {
        this(command, channel, problems, fieldNames, callerOf(command, channel));
    }

    private static Caller callerOf(Command command, String channel) {
        if (REST.equals(channel)) {
            return CurrentCaller.get().orElseGet(() -> Caller.user(Subject.actorOrUnknown(command.actor()), List.of()));
        }
        return Caller.trusted(command.actor());
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
