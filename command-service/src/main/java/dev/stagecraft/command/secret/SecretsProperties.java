package dev.stagecraft.command.secret;

import dev.stagecraft.contracts.SecretBox;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code stagecraft.secrets.*}.
 *
 * @param key the AES-256 key that seals secret values, base64 of 32 random bytes
 *     ({@code openssl rand -base64 32}); deployer-worker needs the same key to open them. Unset: the
 *     public {@link SecretBox#DEVELOPMENT_KEY}, announced by a warning at startup.
 */
@ConfigurationProperties("stagecraft.secrets")
record SecretsProperties(@Nullable String key) {

    boolean keyConfigured() {
        return key != null && !key.isBlank();
    }

    String effectiveKey() {
        return key != null && !key.isBlank() ? key.trim() : SecretBox.DEVELOPMENT_KEY;
    }
}
