package dev.stagecraft.deployer.driver;

import dev.stagecraft.contracts.FailureReason;
import org.jspecify.annotations.Nullable;

/**
 * The actual state of a workload (DESIGN §5 {@code check}).
 *
 * @param failure why it is not healthy, or null when it is
 * @param actualVersion the version the workload reports, when it tells
 */
public record CheckResult(
        @Nullable FailureReason failure, @Nullable String actualVersion, String message) {

    public static CheckResult healthy(@Nullable String actualVersion, String message) {
        return new CheckResult(null, actualVersion, message);
    }

    public static CheckResult failed(FailureReason failure, @Nullable String actualVersion, String message) {
        return new CheckResult(failure, actualVersion, message);
    }

    public boolean isHealthy() {
        return failure == null;
    }
}
