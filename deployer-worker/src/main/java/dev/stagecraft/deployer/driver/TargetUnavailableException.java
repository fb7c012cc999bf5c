package dev.stagecraft.deployer.driver;

import dev.stagecraft.contracts.FailureReason;

/**
 * A driver could not reach its target (a connection refused, a 5xx of an API server, a script that asked to
 * be tried again): a transient failure, retried with backoff and counted by the target's circuit breaker,
 * rather than a verdict on the deployment.
 */
public class TargetUnavailableException extends DriverException {

    public TargetUnavailableException(String step, String message) {
        super(step, FailureReason.GENERIC, message);
    }

    public TargetUnavailableException(String step, String message, Throwable cause) {
        super(step, message, cause);
    }
}
