package dev.stagecraft.contracts.event;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.EventId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** {@code command.rejected}: a command was refused; {@code code} is machine-readable, {@code message} a sentence for people. */
public record CommandRejected(
        EventId eventId,
        Instant occurredAt,
        @Nullable CommandId commandId,
        String actor,
        @Nullable String app,
        @Nullable String environment,
        long sequence,
        String commandType,
        String code,
        String message)
        implements Event {}
