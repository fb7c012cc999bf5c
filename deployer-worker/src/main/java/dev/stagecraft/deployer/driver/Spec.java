package dev.stagecraft.deployer.driver;

import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What an environment should run: the desired state a driver reconciles toward. Two specs are equal when
 * running either would make no difference, so a driver compares the spec it runs with the one it is given.
 *
 * @param secrets opened (plaintext) secret values; never printed, never persisted in this form
 * @param settings the driver's settings ({@code driverSettings} of the application)
 */
public record Spec(
        Target target,
        String version,
        @Nullable String commit,
        String driver,
        Map<String, String> overrides,
        Map<String, String> secrets,
        Map<String, String> settings) {

    public Spec {
        overrides = Map.copyOf(overrides);
        secrets = Map.copyOf(secrets);
        settings = Map.copyOf(settings);
    }

    /** A driver setting, or {@code fallback} when it is absent or blank. */
    public String setting(String name, String fallback) {
        String value = settings.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Overrides and secrets together, as the workload sees them (secrets win on a clash). */
    public Map<String, String> configuration() {
        Map<String, String> all = new TreeMap<>(overrides);
        all.putAll(secrets);
        return all;
    }

    @Override
    public String toString() {
        return "Spec[" + target + " " + version + " driver=" + driver + " overrides=" + new TreeMap<>(overrides)
                + " secrets=" + new TreeMap<>(secrets).keySet() + " settings=" + new TreeMap<>(settings) + "]";
    }
}
