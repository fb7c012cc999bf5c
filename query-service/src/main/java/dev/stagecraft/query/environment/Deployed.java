package dev.stagecraft.query.environment;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The last deployment that brought a version into the environment and succeeded: when and by whom what runs there
 * was deployed (archive and cleanup bring no version, so they do not count).
 */
public record Deployed(UUID deploymentId, @Nullable String version, String actor, Instant finishedAt) {}
