package dev.stagecraft.command.secret;

import dev.stagecraft.command.CommandRefusedException;
import dev.stagecraft.contracts.SecretBox;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Seals secret values as soon as they arrive, each bound to its place: an environment's secret overrides to
 * {@code app/env/KEY}, an application's secret defaults to <code>app/&#42;/KEY</code> ({@code *} is no environment
 * name, so a default can never pass for an environment's value). From here on only sealed values are
 * stored, published or logged. Vault references ({@link VaultReference}) are not secret and stay as they are.
 */
@Component
public class SecretSealer {

    private static final Logger log = LoggerFactory.getLogger(SecretSealer.class);

    /** The environment part of the context that binds an application's secret defaults. */
    static final String ANY_ENVIRONMENT = "*";

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

    /** An environment's secret overrides, each value sealed under {@code app/env/KEY}. */
    public Map<String, String> seal(String app, String environment, Map<String, String> values) {
        return sealAll(app, environment, values);
    }

    /** An application's secret defaults, each value sealed under <code>app/&#42;/KEY</code>. */
    public Map<String, String> sealDefaults(String app, Map<String, String> values) {
        return sealAll(app, ANY_ENVIRONMENT, values);
    }

    /**
     * An application's sealed secret defaults as one of its environments receives them: opened from
     * <code>app/&#42;/KEY</code> and sealed again under {@code app/env/KEY}, which is what deployer-worker opens.
     * Refused as a conflict if a default was sealed under another key than this service's.
     */
    public Map<String, String> forEnvironment(String app, String environment, Map<String, String> sealedDefaults) {
        Map<String, String> resealed = new TreeMap<>();
        sealedDefaults.forEach((key, value) -> resealed.put(key, reseal(app, environment, key, value)));
        return resealed;
    }

    private String reseal(String app, String environment, String key, String value) {
        if (!SecretBox.isSealed(value)) {
            return value;
        }
        try {
            String plaintext = box.open(context(app, ANY_ENVIRONMENT, key), value);
            return box.seal(context(app, environment, key), plaintext);
        } catch (IllegalArgumentException e) {
            throw CommandRefusedException.conflict("the secret default " + key + " of application " + app
                    + " was sealed with another stagecraft.secrets.key than command-service has now;"
                    + " register the application again with its secretDefaults");
        }
    }

    private Map<String, String> sealAll(String app, String environment, Map<String, String> values) {
        Map<String, String> sealed = new TreeMap<>();
        values.forEach((key, value) -> sealed.put(
                key, VaultReference.isReference(value) ? value : box.seal(context(app, environment, key), value)));
        return sealed;
    }

    static String context(String app, String environment, String key) {
        return app + "/" + environment + "/" + key;
    }
}
