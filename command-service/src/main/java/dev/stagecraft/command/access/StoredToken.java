package dev.stagecraft.command.access;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An API token as stored: everything but the token itself, which only its holder knows. */
public record StoredToken(
        UUID id,
        String user,
        String label,
        Instant createdAt,
        @Nullable Instant lastUsedAt,
        @Nullable Instant revokedAt) {}
