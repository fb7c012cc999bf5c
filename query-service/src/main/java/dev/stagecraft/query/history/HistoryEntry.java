package dev.stagecraft.query.history;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One event in an environment's history.
 *
 * @param source the service that emitted it (AMQP {@code app_id})
 * @param event the event's JSON as it was received
 */
public record HistoryEntry(
        UUID eventId,
        String type,
        Instant occurredAt,
        String actor,
        String source,
        long sequence,
        @Nullable UUID deploymentId,
        @Nullable UUID commandId,
        JsonNode event) {}
