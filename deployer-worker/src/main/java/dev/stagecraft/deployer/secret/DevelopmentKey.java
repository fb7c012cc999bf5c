package dev.stagecraft.deployer.secret;

/**
 * The secrets key used when {@code stagecraft.secrets.key} is not set: good for a laptop, never for anything
 * shared. command-service uses the same constant, so the two agree out of the box.
 */
public final class DevelopmentKey {

    /** base64 of the 32 ASCII bytes {@code stagecraft-development-key-32byt}. */
    public static final String DEVELOPMENT_KEY = dev.stagecraft.contracts.SecretBox.DEVELOPMENT_KEY;

    private DevelopmentKey() {}
}
