package dev.stagecraft.command.intake.web;

import dev.stagecraft.contracts.CommandId;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The command id of a REST request: its {@code Idempotency-Key}, or a new one. */
final class CommandIds {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private CommandIds() {}

    /**
     * A UUID key is the command id itself; any other key maps to the same id every time (a name-based
     * UUID); no key means a new command.
     */
    static CommandId of(@Nullable String idempotencyKey) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            return CommandId.random();
        }
        String key = idempotencyKey.trim();
        try {
            UUID uuid = UUID.fromString(key);
            if (uuid.toString().equalsIgnoreCase(key)) {
                return new CommandId(uuid);
            }
        } catch (IllegalArgumentException notAUuid) {
            // mapped below
        }
        return new CommandId(UUID.nameUUIDFromBytes(("idempotency-key:" + key).getBytes(StandardCharsets.UTF_8)));
    }
}
