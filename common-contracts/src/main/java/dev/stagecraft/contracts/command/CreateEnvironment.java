package dev.stagecraft.contracts.command;

import dev.stagecraft.contracts.CommandId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** {@code environment.create}: creates an environment of an application running {@code version}. */
public record CreateEnvironment(
        CommandId commandId,
        String actor,
        String app,
        String environment,
        String version,
        @Nullable String commit,
        Map<String, String> overrides,
        Map<String, String> secretOverrides,
        @Nullable Duration ttl,
        List<String> tags,
        @Nullable String description)
        implements Command {

    public CreateEnvironment {
        overrides = RegisterApplication.copy(overrides);
        secretOverrides = RegisterApplication.copy(secretOverrides);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
