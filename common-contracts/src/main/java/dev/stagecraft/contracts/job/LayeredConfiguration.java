package dev.stagecraft.contracts.job;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The configuration an environment gets, layered: the worker's driver defaults &lt; application defaults &lt;
 * environment overrides (command-service layers the last two into a {@link DeploymentJob}, the worker puts its
 * driver defaults beneath). At every layer a key is public ({@code overrides}) or secret ({@code secrets}: sealed
 * values, Vault references, or in the worker the values opened). A higher layer that sets a key replaces it
 * whatever its kind, so the higher layer decides whether the key is public or secret, and each key appears once:
 * in {@code overrides} or in {@code secrets}, never in both.
 */
public record LayeredConfiguration(Map<String, String> overrides, Map<String, String> secrets) {

    public LayeredConfiguration {
        overrides = Map.copyOf(overrides);
        secrets = Map.copyOf(secrets);
    }

    /**
     * The lowest layer. A key given both ways (which validation refuses) counts as secret, so that its value
     * is never shown.
     */
    public static LayeredConfiguration of(Map<String, String> overrides, Map<String, String> secrets) {
        return new LayeredConfiguration(Map.of(), Map.of()).overlaidBy(overrides, secrets);
    }

    /** This configuration with a higher layer on top: each key the layer sets takes its value and its kind. */
    public LayeredConfiguration overlaidBy(Map<String, String> layerOverrides, Map<String, String> layerSecrets) {
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
        return new LayeredConfiguration(publicValues, secretValues);
    }

    /** The names of the secret keys, sorted: all that may be told about secrets. */
    public List<String> secretKeys() {
        return List.copyOf(new TreeSet<>(secrets.keySet()));
    }

    /** Secret values never printed. */
    @Override
    public String toString() {
        return "LayeredConfiguration[overrides=" + new TreeMap<>(overrides) + ", secrets=" + secretKeys() + "]";
    }
}
