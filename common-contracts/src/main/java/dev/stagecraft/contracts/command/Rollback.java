package dev.stagecraft.contracts.command;

import dev.stagecraft.contracts.CommandId;
import org.jspecify.annotations.Nullable;

/** {@code rollback}: returns an environment to {@code version}, or to the previous good one. */
public record Rollback(
        CommandId commandId,
        String actor,
        String app,
        String environment,
        @Nullable String version) implements Command {}
