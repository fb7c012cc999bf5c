package dev.stagecraft.command.application;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The configuration an environment gets, layered: application defaults &lt; environment overrides (the
 * worker puts its driver defaults beneath both). At every layer a key is public ({@code overrides}) or secret
 * ({@code secrets}: sealed values or Vault references). A higher layer that sets a key replaces it whatever
 * its kind, so the higher layer decides whether the key is public or secret, and each key appears once: in
 * {@code overrides} or in {@code secrets}, never in both.
 */
public record Configuration(Map<String, String> overrides, Map<String, String> secrets) {

    public Configuration {
        overrides = Map.copyOf(overrides);
        secrets = Map.copyOf(secrets);
    }

    /**
     * The lowest layer. A key given both ways (which validation refuses) counts as secret, so that its value
     * is never shown.
     */
    public static Configuration of(Map<String, String> overrides, Map<String, String> secrets) {
        return new Configuration(Map.of(), Map.of()).overlaidBy(overrides, secrets);
    }

    /** This configuration with a higher layer on top: each key the layer sets takes its value and its kind. */
    public Configuration overlaidBy(Map<String, String> layerOverrides, Map<String, String> layerSecrets) {
        Map<String, String> publicValues = new TreeMap<>(overrides);
        Map<String, String> secretValues = new TreeMap<>(secrets);
        layerOverrides.forEach((key, value) -> {
            secretValues.remove(key);
            publicValues.put(key, value);
        });
        layerSecrets.forEach((key, value) -> {
            publicValues.remove(key);
            secretValues.put(key, value);
        });
        return new Configuration(publicValues, secretValues);
    }

    /** The names of the secret keys, sorted: all that may be told about secrets. */
    public List<String> secretKeys() {
        return List.copyOf(new TreeMap<>(secrets).keySet());
    }
}
