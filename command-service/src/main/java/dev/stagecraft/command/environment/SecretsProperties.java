package dev.stagecraft.command.environment;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code stagecraft.secrets.*}.
 *
 * @param key the AES-256 key that seals secret values, base64 of 32 random bytes
 *     ({@code openssl rand -base64 32}); deployer-worker needs the same key to open them. Unset: the
 *     public {@link #DEVELOPMENT_KEY}, announced by a warning at startup.
 */
@ConfigurationProperties("stagecraft.secrets")
record SecretsProperties(@Nullable String key) {

    /** base64 of {@code stagecraft-development-key-00000}: public, for a laptop only. */
    static final String DEVELOPMENT_KEY = dev.stagecraft.contracts.SecretBox.DEVELOPMENT_KEY;

    boolean keyConfigured() {
        return key != null && !key.isBlank();
    }

    String effectiveKey() {
        return keyConfigured() ? key.trim() : DEVELOPMENT_KEY;
    }
}
