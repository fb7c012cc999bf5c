package dev.stagecraft.query.environment;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What runs differs from what was asked ({@code environment.drift-detected}), shown until a later deployment of
 * the environment succeeds or it is reported RUNNING with {@code desiredVersion}.
 *
 * @param actualVersion what the check found running, if anything
 * @param detail what differs, in a sentence
 */
public record Drift(String desiredVersion, @Nullable String actualVersion, String detail, Instant detectedAt) {}
