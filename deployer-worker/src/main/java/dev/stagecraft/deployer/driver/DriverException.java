package dev.stagecraft.deployer.driver;

import dev.stagecraft.contracts.FailureReason;

/**
 * A driver operation failed. The message is a sentence for people (what went wrong and, where it helps, the
 * workload's output); {@code step} is the plan step that failed.
 */
public class DriverException extends RuntimeException {

    private final String step;
    private final FailureReason reason;

    public DriverException(String step, FailureReason reason, String message) {
        super(message);
        this.step = step;
        this.reason = reason;
    }

    public DriverException(String step, String message, Throwable cause) {
        super(message, cause);
        this.step = step;
        this.reason = FailureReason.GENERIC;
    }

    public String step() {
        return step;
    }

    public FailureReason reason() {
        return reason;
    }
}
