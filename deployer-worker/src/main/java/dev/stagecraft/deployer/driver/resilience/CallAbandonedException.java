package dev.stagecraft.deployer.driver.resilience;

import dev.stagecraft.contracts.FailureReason;
import dev.stagecraft.deployer.driver.DriverException;

/**
 * A driver call the worker stopped waiting for: it outlived its time limit, or the worker was interrupted.
 * Neither retried nor counted by the circuit breaker: it says nothing about whether the target answers.
 */
final class CallAbandonedException extends DriverException {

    CallAbandonedException(String step, String message) {
        super(step, FailureReason.GENERIC, message);
    }
}
