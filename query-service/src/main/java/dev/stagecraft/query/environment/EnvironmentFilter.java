package dev.stagecraft.query.environment;

import org.jspecify.annotations.Nullable;

/**
 * Which environments to list; every criterion given must hold.
 *
 * @param app environments of this application
 * @param status environments in this status (an {@link dev.stagecraft.contracts.EnvironmentStatus} name)
 * @param tag environments carrying this tag
 * @param q text found (case-insensitively) in the name, description or a tag
 */
public record EnvironmentFilter(
        @Nullable String app,
        @Nullable String status,
        @Nullable String tag,
        @Nullable String q) {

    public static EnvironmentFilter ofApp(String app) {
        return new EnvironmentFilter(app, null, null, null);
    }
}
