package dev.stagecraft.contracts.command;

import dev.stagecraft.contracts.CommandId;

/** {@code environment.unlock}: releases a lock; {@code force} (admins only) breaks another's lock. */
public record UnlockEnvironment(CommandId commandId, String actor, String app, String environment, boolean force)
        implements Command {}
