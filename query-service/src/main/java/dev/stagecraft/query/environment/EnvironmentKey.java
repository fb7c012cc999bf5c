package dev.stagecraft.query.environment;

import dev.stagecraft.contracts.event.Event;
import java.util.Objects;

/** Names one environment: {@code app/name}. */
public record EnvironmentKey(String app, String name) {

    /** The environment an event is about; the event must name both (see {@code EventScope}). */
    public static EnvironmentKey of(Event event) {
        return new EnvironmentKey(
                Objects.requireNonNull(event.app(), "app"), Objects.requireNonNull(event.environment(), "environment"));
    }

    @Override
    public String toString() {
        return app + "/" + name;
    }
}
