package dev.stagecraft.query.environment;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A deployment waiting in its environment's queue.
 *
 * @param position its place in the queue, 1 = next to run; the queue is first queued, first run
 * @param actor who asked for it
 */
public record QueuedDeployment(
        UUID deploymentId,
        @Nullable String operation,
        @Nullable String toVersion,
        int position,
        String actor) {}
