package dev.stagecraft.command.secret;

import dev.stagecraft.command.CommandRefusedException;
import dev.stagecraft.contracts.SecretBox;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Seals secret values as soon as they arrive, each bound to its place: an environment's secret overrides to
 * {@code app/env/KEY}, an application's secret defaults to <code>app/&#42;/KEY</code> ({@code *} is no environment
 * name, so a default can never pass for an environment's value). From here on only sealed values are
 * stored, published or logged. Vault references ({@link VaultReference}) are not secret and stay as they are.
 *
 * <p>It also {@linkplain #fingerprints fingerprints} secret values, so that a read model can tell whether two
 * environments hold the same value without ever learning it.
 */
@Component
public class SecretSealer {

    private static final Logger log = LoggerFactory.getLogger(SecretSealer.class);

    /** The environment part of the context that binds an application's secret defaults. */
    static final String ANY_ENVIRONMENT = "*";

    /** What the fingerprint key is derived from: HMAC-SHA256 of this text under the secrets key. */
    static final String FINGERPRINT_LABEL = "stagecraft-fingerprint";

    private static final int FINGERPRINT_BYTES = 16;
    private static final String HMAC = "HmacSHA256";

    private final SecretBox box;
    private final SecretKeySpec fingerprintKey;

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
            this.fingerprintKey = fingerprintKey(properties.effectiveKey());
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

    /**
     * A fingerprint of each of an environment's sealed secrets (values sealed under {@code app/env/KEY}, or Vault
     * references): HMAC-SHA256 over {@code app/KEY}, a NUL and the value, under a key derived from the secrets key,
     * base64url of its first 16 bytes. Equal values of the same key of an application have equal fingerprints in
     * every environment; nothing else can be learnt from one. A Vault reference is fingerprinted as it is written,
     * so its fingerprint changes when the reference does. A value this service cannot open (sealed under another
     * key) gets no fingerprint.
     */
    public Map<String, String> fingerprints(String app, String environment, Map<String, String> sealed) {
        Map<String, String> fingerprints = new TreeMap<>();
        sealed.forEach((key, value) -> {
            try {
                String plaintext = SecretBox.isSealed(value) ? box.open(context(app, environment, key), value) : value;
                fingerprints.put(key, fingerprint(app, key, plaintext));
            } catch (IllegalArgumentException e) {
                log.warn(
                        "no fingerprint for secret {} of {}/{}: it was sealed under another key",
                        key,
                        app,
                        environment);
            }
        });
        return fingerprints;
    }

    private String fingerprint(String app, String key, String plaintext) {
        byte[] mac = hmac(fingerprintKey, app + "/" + key + "\0" + plaintext);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(mac, FINGERPRINT_BYTES));
    }

    private static SecretKeySpec fingerprintKey(String base64Key) {
        byte[] secretsKey = Base64.getDecoder().decode(base64Key.trim());
        return new SecretKeySpec(hmac(new SecretKeySpec(secretsKey, HMAC), FINGERPRINT_LABEL), HMAC);
    }

    private static byte[] hmac(SecretKeySpec key, String data) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
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
