package dev.stagecraft.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;

/** The idempotency key of a command; every job and event it causes carries it as correlation id. */
public record CommandId(@JsonValue UUID id) {

    @JsonCreator
    public CommandId {}

    public static CommandId random() {
        return new CommandId(UUID.randomUUID());
    }

    public static CommandId parse(String text) {
        return new CommandId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return id.toString();
    }
}
