package dev.stagecraft.contracts.command;

import dev.stagecraft.contracts.CommandId;

/** {@code environment.cleanup}: removes everything an archived environment owns. */
public record CleanupEnvironment(CommandId commandId, String actor, String app, String environment)
        implements Command {}
