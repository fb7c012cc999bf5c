package dev.stagecraft.query.environment;

import java.time.Instant;

/**
 * The lock on an environment ({@code environment.lock-changed}): until it is released only {@code holder} may deploy
 * to it.
 */
public record EnvironmentLock(String holder, String reason, Instant lockedAt) {}
