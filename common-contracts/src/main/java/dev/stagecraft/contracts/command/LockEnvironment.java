package dev.stagecraft.contracts.command;

import dev.stagecraft.contracts.CommandId;

/** {@code environment.lock}: only the holder may deploy to the environment until it is unlocked. */
public record LockEnvironment(CommandId commandId, String actor, String app, String environment, String reason)
        implements Command {}
