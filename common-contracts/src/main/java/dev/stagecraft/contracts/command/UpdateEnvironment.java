package dev.stagecraft.contracts.command;

import dev.stagecraft.contracts.CommandId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code environment.update}: changes an environment's desired spec. Absent fields keep their current
 * value; present override maps replace the environment's overrides as a whole.
 */
public record UpdateEnvironment(
        CommandId commandId,
        String actor,
        String app,
        String environment,
        @Nullable String version,
        @Nullable String commit,
        @Nullable Map<String, String> overrides,
        @Nullable Map<String, String> secretOverrides,
        @Nullable Duration ttl,
        @Nullable List<String> tags,
        @Nullable String description)
        implements Command {}
