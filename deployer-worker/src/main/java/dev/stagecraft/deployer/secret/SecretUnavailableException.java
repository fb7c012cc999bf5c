package dev.stagecraft.deployer.secret;

/**
 * A secret value of a job cannot be had: it cannot be opened, or its Vault reference cannot be read. The message
 * is a sentence that names the key, the environment and, for a reference, the reference; never a value.
 */
public class SecretUnavailableException extends IllegalArgumentException {

    public SecretUnavailableException(String message) {
        super(message);
    }
}
