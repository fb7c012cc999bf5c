package dev.stagecraft.contracts.command;

import dev.stagecraft.contracts.CommandId;

/** {@code environment.archive}: stops the environment's workload and keeps its data. */
public record ArchiveEnvironment(CommandId commandId, String actor, String app, String environment)
        implements Command {}
