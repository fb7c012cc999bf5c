package dev.stagecraft.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;

/** Identifies one deployment: one attempt to change an environment. */
public record DeploymentId(@JsonValue UUID id) {

    @JsonCreator
    public DeploymentId {}

    public static DeploymentId random() {
        return new DeploymentId(UUID.randomUUID());
    }

    public static DeploymentId parse(String text) {
        return new DeploymentId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return id.toString();
    }
}
