package dev.stagecraft.deployer.secret;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code stagecraft.secrets.*}.
 *
 * @param key base64 of the 32-byte AES key shared with command-service ({@code openssl rand -base64 32});
 *     unset means {@link DevelopmentKey#DEVELOPMENT_KEY}
 */
@ConfigurationProperties("stagecraft.secrets")
public record SecretsProperties(@Nullable String key) {

    public boolean usesDevelopmentKey() {
        return key == null || key.isBlank();
    }

    public String effectiveKey() {
        return usesDevelopmentKey() ? DevelopmentKey.DEVELOPMENT_KEY : key;
    }
}
