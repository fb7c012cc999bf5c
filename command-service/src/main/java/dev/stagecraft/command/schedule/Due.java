package dev.stagecraft.command.schedule;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.EnvironmentStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * An environment whose deadline ({@code expires_at} or {@code cleanup_at}) has passed, with the status
 * command-service had decided for it when it was found.
 */
record Due(String app, String environment, Instant deadline, EnvironmentStatus status) {

    /**
     * The id of the command that acts on this deadline: the same for every replica and every retry, so the
     * command log answers a repeat with the first outcome and nothing is archived or cleaned up twice. A new
     * deadline (a re-armed ttl, a later archival) gets a new id.
     */
    CommandId commandId(String commandType) {
        String name = "stagecraft:schedule:" + commandType + ":" + app + "/" + environment + "@" + deadline;
        return new CommandId(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
    }

    String path() {
        return app + "/" + environment;
    }
}
