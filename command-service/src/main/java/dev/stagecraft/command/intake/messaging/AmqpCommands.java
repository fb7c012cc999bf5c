package dev.stagecraft.command.intake.messaging;

import dev.stagecraft.command.Problem;
import dev.stagecraft.command.RejectionCode;
import dev.stagecraft.command.intake.CommandHandler;
import dev.stagecraft.command.intake.Outcome;
import dev.stagecraft.command.intake.Rejection;
import dev.stagecraft.command.intake.Subject;
import dev.stagecraft.command.intake.Submission;
import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.MessageCodec;
import dev.stagecraft.contracts.MessageTypes;
import dev.stagecraft.contracts.command.Command;
import dev.stagecraft.messaging.InboundMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.amqp.core.Message;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads a command from an AMQP message, liberally (DESIGN.md §3): the type comes from the {@code type}
 * property or else the routing key, and the body's {@code commandId} is the idempotency key whether or
 * not a {@code message_id} is set. The body's schema problems travel with the command to the handler,
 * which reports them together with the rules' problems; a body that is not JSON, or not even of the
 * command's shape, is rejected right here.
 */
@Component
class AmqpCommands {

    static final String CHANNEL = "amqp";

    private final CommandHandler handler;
    private final MessageCodec codec = MessageCodec.instance();

    AmqpCommands(CommandHandler handler) {
        this.handler = handler;
    }

    Outcome receive(Message message) {
        InboundMessage in = InboundMessage.from(message);
        Optional<Class<? extends Command>> commandClass = commandClass(in.type());
        if (commandClass.isEmpty()) {
            return reject(
                    in,
                    null,
                    RejectionCode.INVALID,
                    "'" + in.type() + "' is not a command type; send one of " + String.join(", ", commandTypes()));
        }
        JsonNode body;
        try {
            body = codec.mapper().readTree(in.body());
        } catch (JacksonException e) {
            return reject(in, null, RejectionCode.MALFORMED, malformed(e));
        }
        if (body == null || !body.isObject()) {
            return reject(in, null, RejectionCode.MALFORMED, "the body of " + in.type() + " must be a JSON object");
        }
        return submit(in, body, commandClass.get());
    }

    private Outcome submit(InboundMessage in, JsonNode body, Class<? extends Command> commandClass) {
        List<Problem> schemaProblems = codec.validate(in.type(), body).stream()
                .map(Problem::fromSchema)
                .toList();
        Command command = bind(body, commandClass);
        if (command == null || command.commandId() == null) {
            List<Problem> problems = schemaProblems.isEmpty()
                    ? List.of(new Problem("(body)", "does not have the fields of " + in.type()))
                    : schemaProblems;
            return reject(in, body, RejectionCode.INVALID, Problem.invalidCommand(in.type(), problems), problems);
        }
        return handler.handle(new Submission(command, CHANNEL, schemaProblems, Map.of()));
    }

    private @Nullable Command bind(JsonNode body, Class<? extends Command> commandClass) {
        try {
            return codec.mapper().treeToValue(body, commandClass);
        } catch (JacksonException | IllegalArgumentException e) {
            return null;
        }
    }

    private Outcome reject(InboundMessage in, @Nullable JsonNode body, RejectionCode code, String message) {
        return reject(in, body, code, message, List.of());
    }

    private Outcome reject(
            InboundMessage in, @Nullable JsonNode body, RejectionCode code, String message, List<Problem> problems) {
        Subject subject = body == null ? new Subject(null, null) : subject(in.type(), body);
        return handler.reject(new Rejection(
                commandId(in, body),
                in.type(),
                Subject.actorOrUnknown(text(body, "actor")),
                CHANNEL,
                subject.app(),
                subject.environment(),
                code,
                message,
                problems));
    }

    /**
     * The command id of a message that could not be read as a command: the body's {@code commandId},
     * else the {@code message_id}, else one derived from the message's content, so that a redelivery
     * of the same message is recognised.
     */
    static CommandId commandId(InboundMessage in, @Nullable JsonNode body) {
        String fromBody = text(body, "commandId");
        if (fromBody != null && isUuid(fromBody)) {
            return CommandId.parse(fromBody);
        }
        if (in.messageId() != null && !in.messageId().isBlank()) {
            return isUuid(in.messageId())
                    ? CommandId.parse(in.messageId())
                    : derived(in.messageId().getBytes(StandardCharsets.UTF_8));
        }
        byte[] typeAndBody =
                (in.type() + "\n" + new String(in.body(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        return derived(typeAndBody);
    }

    private static CommandId derived(byte[] seed) {
        return new CommandId(UUID.nameUUIDFromBytes(seed));
    }

    private static Subject subject(String type, JsonNode body) {
        return type.equals("application.register")
                ? Subject.of(text(body, "name"), null)
                : Subject.of(text(body, "app"), text(body, "environment"));
    }

    private static @Nullable String text(@Nullable JsonNode body, String field) {
        JsonNode value = body == null ? null : body.get(field);
        return value != null && value.isString() ? value.stringValue() : null;
    }

    private static boolean isUuid(String text) {
        try {
            UUID.fromString(text);
            return text.length() == 36;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    private static Optional<Class<? extends Command>> commandClass(String type) {
        return MessageTypes.classOf(type)
                .filter(Command.class::isAssignableFrom)
                .map(c -> (Class<? extends Command>) c);
    }

    private static List<String> commandTypes() {
        return MessageTypes.all().stream()
                .filter(type -> commandClass(type).isPresent())
                .toList();
    }

    /** Where the JSON breaks, without quoting it: the body may hold secret values. */
    private static String malformed(JacksonException e) {
        var location = e.getLocation();
        String where =
                location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
        return "the body is not valid JSON" + where + "; send the command as a JSON object";
    }
}
