package dev.stagecraft.contracts.command;

import org.jspecify.annotations.Nullable;

/** A position in an application's pipeline, bound to one environment. */
public record Stage(
        String environment,
        boolean requiresApproval,
        boolean autoPromote,
        @Nullable String branch) {

    public static Stage of(String environment) {
        return new Stage(environment, false, false, null);
    }
}
