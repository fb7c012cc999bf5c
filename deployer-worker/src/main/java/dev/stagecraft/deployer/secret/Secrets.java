package dev.stagecraft.deployer.secret;

import dev.stagecraft.contracts.SecretBox;
import dev.stagecraft.deployer.driver.Target;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Opens the secret values of a job to hand them to its workload, or to hide them in what the worker publishes
 * ({@link Redactor}). A value is sealed ({@link SecretBox}, context {@code app/env/KEY}) or a Vault reference
 * {@code vault:<mount>/<path>#<key>}, read from Vault ({@link VaultSecrets}) each time it is opened. Every value
 * read from Vault, and every driver secret default handed to an environment, is remembered for that environment,
 * so that its redactor hides it too without asking Vault again.
 */
@Component
public class Secrets {

    private static final Logger log = LoggerFactory.getLogger(Secrets.class);

    private final SecretBox box;
    private final VaultSecrets vault;
    private final Map<Target, Set<String>> remembered = new ConcurrentHashMap<>();

    @Autowired
    Secrets(SecretsProperties properties, VaultSecrets vault) {
        this.box = new SecretBox(properties.effectiveKey());
        this.vault = vault;
        if (properties.usesDevelopmentKey()) {
            log.warn("stagecraft.secrets.key is not set: secrets are opened with the built-in development key; "
                    + "set the same key as command-service's for anything but a laptop");
        }
    }

    /** Reading Vault references as {@code properties.vault()} says (off unless it has an address). */
    public Secrets(SecretsProperties properties) {
        this(properties, new VaultSecrets(properties));
    }

    /**
     * The plaintext of each of a job's secret values, sealed or Vault references; fails with a
     * {@link SecretUnavailableException} naming the key (and the reference) when one cannot be had.
     */
    public Map<String, String> open(Target target, Map<String, String> secrets) {
        Map<String, String> plain = new TreeMap<>();
        secrets.forEach((key, value) -> plain.put(key, open(target, key, value)));
        return plain;
    }

    /**
     * The plaintext of driver secret defaults from the worker's configuration: plaintext stays as it is, Vault
     * references are read. Each value is remembered for {@code target}'s redactor.
     */
    public Map<String, String> resolveDefaults(Target target, Map<String, String> secretDefaults) {
        Map<String, String> plain = new TreeMap<>();
        secretDefaults.forEach((key, value) -> plain.put(
                key,
                VaultReference.isReference(value)
                        ? read(target, "driver secret default " + key + " of " + target, value)
                        : value));
        remember(target, plain.values());
        return plain;
    }

    /**
     * A redactor of the plaintext of {@code secrets}' sealed values and of every value read from Vault or handed
     * out as a driver secret default for {@code target} so far. A sealed value that cannot be opened is left out,
     * and Vault is not asked: the worker never had a value it could not open or read, so nothing it publishes can
     * contain it.
     */
    public Redactor redactor(Target target, Map<String, String> secrets) {
        List<String> plain = new ArrayList<>(remembered.getOrDefault(target, Set.of()));
        secrets.forEach((key, value) -> {
            if (SecretBox.isSealed(value)) {
                try {
                    plain.add(openSealed(target, key, value));
                } catch (SecretUnavailableException e) {
                    // not opened: see above
                }
            }
        });
        return Redactor.of(plain);
    }

    private String open(Target target, String key, String value) {
        if (VaultReference.isReference(value)) {
            return read(target, "secret " + key + " of " + target, value);
        }
        if (!SecretBox.isSealed(value)) {
            throw new SecretUnavailableException("secret " + key + " of " + target + " is neither sealed with "
                    + SecretBox.PREFIX + " nor a vault: reference; set it again through command-service");
        }
        return openSealed(target, key, value);
    }

    /** Reads a Vault reference; {@code what} names the secret in error sentences. */
    private String read(Target target, String what, String value) {
        String plain = vault.read(what, VaultReference.parse(what, value));
        remember(target, List.of(plain));
        return plain;
    }

    private String openSealed(Target target, String key, String value) {
        try {
            return box.open(target.path() + "/" + key, value);
        } catch (IllegalArgumentException e) {
            throw new SecretUnavailableException("cannot open secret " + key + " of " + target
                    + ": it was sealed with another key; give deployer-worker the same stagecraft.secrets.key as"
                    + " command-service");
        }
    }

    private void remember(Target target, Collection<String> values) {
        remembered.computeIfAbsent(target, t -> ConcurrentHashMap.newKeySet()).addAll(values);
    }
}
