package dev.stagecraft.deployer.environment;

import java.time.Instant;

/** An environment claimed for a status check, and when it last changed as of the claim. */
public record DueForCheck(Environment environment, Instant updatedAt) {}
