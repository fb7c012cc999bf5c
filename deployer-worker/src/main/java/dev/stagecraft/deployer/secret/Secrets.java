package dev.stagecraft.deployer.secret;

import dev.stagecraft.contracts.SecretBox;
import dev.stagecraft.deployer.driver.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Opens the sealed secret values of a job ({@link SecretBox}, context {@code app/env/KEY}), to hand them to its
 * workload or to hide them in what the worker publishes ({@link Redactor}).
 */
@Component
public class Secrets {

    private static final Logger log = LoggerFactory.getLogger(Secrets.class);

    private final SecretBox box;

    public Secrets(SecretsProperties properties) {
        this.box = new SecretBox(properties.effectiveKey());
        if (properties.usesDevelopmentKey()) {
            log.warn("stagecraft.secrets.key is not set: secrets are opened with the built-in development key; "
                    + "set the same key as command-service's for anything but a laptop");
        }
    }

    /**
     * The plaintext of each sealed value; fails with a sentence naming the key when a value is not sealed
     * (Vault references are not supported yet) or cannot be opened.
     */
    public Map<String, String> open(Target target, Map<String, String> sealed) {
        Map<String, String> plain = new TreeMap<>();
        sealed.forEach((key, value) -> plain.put(key, open(target, key, value)));
        return plain;
    }

    /**
     * A redactor of the plaintext of {@code sealed}'s values. A value that cannot be opened is left out: the
     * worker never had its plaintext, so nothing it publishes can contain it.
     */
    public Redactor redactor(Target target, Map<String, String> sealed) {
        List<String> plain = new ArrayList<>();
        sealed.forEach((key, value) -> {
            try {
                plain.add(open(target, key, value));
            } catch (IllegalArgumentException e) {
                // not opened: see above
            }
        });
        return Redactor.of(plain);
    }

    private String open(Target target, String key, String value) {
        String context = target.path() + "/" + key;
        if (!SecretBox.isSealed(value)) {
            throw new IllegalArgumentException(
                    "secret " + key + " of " + target + " is not sealed with " + SecretBox.PREFIX
                            + " (Vault references are not supported yet); set it again through command-service");
        }
        try {
            return box.open(context, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "cannot open secret " + key + " of " + target
                            + ": it was sealed with another key; give deployer-worker the same stagecraft.secrets.key as command-service");
        }
    }
}
