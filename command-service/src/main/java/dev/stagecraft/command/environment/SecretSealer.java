package dev.stagecraft.command.environment;

import dev.stagecraft.contracts.SecretBox;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Seals the secret overrides of an environment as soon as they arrive, each bound to its place
 * ({@code app/env/KEY}): from here on, only sealed values are stored, published or logged.
 */
@Component
class SecretSealer {

    private static final Logger log = LoggerFactory.getLogger(SecretSealer.class);

    private final SecretBox box;

    SecretSealer(SecretsProperties properties) {
        if (!properties.keyConfigured()) {
            log.warn("""

                    ************************************************************************************
                    stagecraft.secrets.key is not set: secrets are sealed with the PUBLIC DEVELOPMENT KEY.
                    Anyone can open them. Set STAGECRAFT_SECRETS_KEY (openssl rand -base64 32) to the same
                    value for command-service and deployer-worker before you store a real secret.
                    ************************************************************************************""");
        }
        try {
            this.box = new SecretBox(properties.effectiveKey());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("stagecraft.secrets.key is not usable: " + e.getMessage(), e);
        }
    }

    /** Each value sealed under the context {@code app/env/KEY}. */
    Map<String, String> seal(String app, String environment, Map<String, String> plaintext) {
        Map<String, String> sealed = new LinkedHashMap<>();
        plaintext.forEach((key, value) -> sealed.put(key, box.seal(context(app, environment, key), value)));
        return sealed;
    }

    static String context(String app, String environment, String key) {
        return app + "/" + environment + "/" + key;
    }
}
