package dev.stagecraft.command.environment;

import dev.stagecraft.contracts.command.Command;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A command that changes an environment (create, update, archive, restore, cleanup) was decided. Published
 * in-process, inside the transaction that decides the command, so that what follows an environment's
 * decisions (its schedule) listens synchronously and commits or rolls back with the decision.
 *
 * @param ttl the environment's ttl after the decision, if it has one
 * @param decidedAt when the command was decided: its acceptance time
 */
public record EnvironmentDecided(
        Command command,
        String app,
        String environment,
        @Nullable Duration ttl,
        Instant decidedAt) {}
