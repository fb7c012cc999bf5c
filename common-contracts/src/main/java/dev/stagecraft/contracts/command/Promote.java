package dev.stagecraft.contracts.command;

import dev.stagecraft.contracts.CommandId;
import org.jspecify.annotations.Nullable;

/**
 * {@code promote}: moves {@code version} to the stage {@code to}, or without it to the stage after the
 * latest stage where the version runs. {@code force} (admins only) skips the previous-stage rule.
 */
public record Promote(
        CommandId commandId,
        String actor,
        String app,
        String version,
        @Nullable String to,
        boolean force) implements Command {}
