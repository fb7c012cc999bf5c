package dev.stagecraft.contracts.command;

import dev.stagecraft.contracts.CommandId;

/** {@code environment.restore}: brings an archived environment back with its last spec. */
public record RestoreEnvironment(CommandId commandId, String actor, String app, String environment)
        implements Command {}
