package dev.stagecraft.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;

/** Identifies one event; also its AMQP message id. */
public record EventId(@JsonValue UUID id) {

    @JsonCreator
    public EventId {}

    public static EventId random() {
        return new EventId(UUID.randomUUID());
    }

    public static EventId parse(String text) {
        return new EventId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return id.toString();
    }
}
