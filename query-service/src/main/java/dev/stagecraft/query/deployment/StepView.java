package dev.stagecraft.query.deployment;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One step of a deployment's plan: PENDING, RUNNING, DONE, FAILED or SKIPPED, with progress 0 to 100. */
public record StepView(String name, String status, @Nullable String message, int progress, Instant updatedAt) {}
