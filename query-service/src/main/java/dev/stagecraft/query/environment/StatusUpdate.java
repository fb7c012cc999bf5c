package dev.stagecraft.query.environment;

import dev.stagecraft.contracts.EnvironmentStatus;
import dev.stagecraft.contracts.FailureReason;
import dev.stagecraft.contracts.event.EnvironmentStatusChanged;
import org.jspecify.annotations.Nullable;

/**
 * What an {@code environment.status-changed} event changes in an environment's current state: its status
 * and the reason, the kind of failure only while it is FAILURE, and the actual version only when it is
 * RUNNING (a pending or failed environment keeps showing the version that ran last).
 *
 * @param version the version that now runs, or null to keep the known one
 */
record StatusUpdate(
        EnvironmentStatus status,
        @Nullable String reason,
        @Nullable FailureReason failure,
        @Nullable String version) {

    static StatusUpdate of(EnvironmentStatusChanged event) {
        EnvironmentStatus to = event.to();
        FailureReason failure = to == EnvironmentStatus.FAILURE
                ? (event.failure() == null ? FailureReason.GENERIC : event.failure())
                : null;
        String version = to == EnvironmentStatus.RUNNING ? event.version() : null;
        return new StatusUpdate(to, event.reason(), failure, version);
    }
}
