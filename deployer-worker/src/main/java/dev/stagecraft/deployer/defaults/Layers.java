package dev.stagecraft.deployer.defaults;

import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Configuration as layers, each key public ({@code overrides}) or secret ({@code secrets}). A higher layer that
 * sets a key replaces it whatever its kind: the higher layer decides whether the key is public or secret, and the
 * key appears once, in one of the two maps.
 */
public record Layers(Map<String, String> overrides, Map<String, String> secrets) {

    public Layers {
        overrides = Map.copyOf(overrides);
        secrets = Map.copyOf(secrets);
    }

    /** The lowest layer; a key given both ways counts as secret. */
    public static Layers of(Map<String, String> overrides, Map<String, String> secrets) {
        return new Layers(Map.of(), Map.of()).overlaidBy(overrides, secrets);
    }

    /** This configuration with a higher layer on top. */
    public Layers overlaidBy(Map<String, String> layerOverrides, Map<String, String> layerSecrets) {
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
        return new Layers(publicValues, secretValues);
    }

    /** Secret values never printed. */
    @Override
    public String toString() {
        return "Layers[overrides=" + new TreeMap<>(overrides) + ", secrets=" + new TreeSet<>(secrets.keySet()) + "]";
    }
}
