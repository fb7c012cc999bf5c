package dev.stagecraft.deployer.environment;

/**
 * A transition the status machine does not allow from the current status; the message names the
 * environment, its status and what to do.
 */
public class IllegalTransitionException extends IllegalStateException {

    public IllegalTransitionException(String message) {
        super(message);
    }
}
