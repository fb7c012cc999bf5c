package dev.stagecraft.query.projection;

import dev.stagecraft.contracts.MessageTypes;
import dev.stagecraft.contracts.event.ApplicationRegistered;
import dev.stagecraft.contracts.event.CommandAccepted;
import dev.stagecraft.contracts.event.CommandRejected;
import dev.stagecraft.contracts.event.Event;
import java.util.Optional;

/**
 * What an event is about. Most events are about one environment and must name it ({@code app} and
 * {@code environment}); {@code application.registered} and {@code command.*} are about no environment and are
 * applied by their natural keys.
 */
public final class EventScope {

    private EventScope() {}

    public static boolean isAboutEnvironment(Event event) {
        return switch (event) {
            case ApplicationRegistered e -> false;
            case CommandAccepted e -> false;
            case CommandRejected e -> false;
            default -> true;
        };
    }

    /** Why the event cannot be applied, as a sentence, or empty if it can. */
    public static Optional<String> problem(Event event) {
        if (isAboutEnvironment(event) && (blank(event.app()) || blank(event.environment()))) {
            return Optional.of(MessageTypes.typeOf(event) + " " + event.eventId()
                    + " names no environment: app and environment are required for this event type");
        }
        return Optional.empty();
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
