package dev.stagecraft.deployer.environment;

import dev.stagecraft.contracts.EnvironmentStatus;
import dev.stagecraft.contracts.FailureReason;
import org.jspecify.annotations.Nullable;

/**
 * One move in the status machine, as {@code environment.status-changed} announces it; {@code from} is null
 * when the environment did not exist, which is not announced (the event needs a {@code from}).
 *
 * @param version the version that runs after the change, or null
 */
public record StatusChange(
        @Nullable EnvironmentStatus from,
        EnvironmentStatus to,
        @Nullable String version,
        @Nullable String reason,
        @Nullable FailureReason failure) {

    public boolean announced() {
        return from != null;
    }
}
