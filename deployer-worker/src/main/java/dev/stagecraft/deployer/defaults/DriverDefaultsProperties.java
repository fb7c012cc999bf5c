package dev.stagecraft.deployer.defaults;

import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code stagecraft.deployer.drivers.<driver>.defaults} and {@code .secret-defaults}: the configuration every
 * environment of a driver gets beneath its job's. Keys are taken as written in YAML or properties
 * ({@code LOG_LEVEL}); environment variables cannot name such keys, so set them through
 * {@code SPRING_APPLICATION_JSON} there.
 *
 * @param drivers driver name ({@code local}, {@code script}, …) → its defaults
 */
@ConfigurationProperties("stagecraft.deployer")
public record DriverDefaultsProperties(Map<String, Defaults> drivers) {

    public DriverDefaultsProperties(@Nullable Map<String, Defaults> drivers) {
        this.drivers = drivers == null ? Map.of() : Map.copyOf(drivers);
        this.drivers.forEach(DriverDefaultsProperties::eitherPublicOrSecret);
    }

    /** The defaults of {@code driver}: none if it has no entry. */
    public Defaults of(String driver) {
        return drivers.getOrDefault(driver, Defaults.NONE);
    }

    private static void eitherPublicOrSecret(String driver, Defaults defaults) {
        TreeSet<String> both = new TreeSet<>(defaults.defaults().keySet());
        both.retainAll(defaults.secretDefaults().keySet());
        if (!both.isEmpty()) {
            throw new IllegalStateException("stagecraft.deployer.drivers." + driver + " sets " + both
                    + " in both defaults and secret-defaults; a key is either public or secret, so keep it in one");
        }
    }

    /**
     * One driver's defaults.
     *
     * @param defaults public values
     * @param secretDefaults secret values, plaintext or {@code vault:<mount>/<path>#<key>} references; handed to
     *     workloads like a job's secrets and hidden like them
     */
    public record Defaults(Map<String, String> defaults, Map<String, String> secretDefaults) {

        static final Defaults NONE = new Defaults(null, null);

        public Defaults(@Nullable Map<String, String> defaults, @Nullable Map<String, String> secretDefaults) {
            this.defaults = defaults == null ? Map.of() : Map.copyOf(defaults);
            this.secretDefaults = secretDefaults == null ? Map.of() : Map.copyOf(secretDefaults);
        }

        @Override
        public String toString() {
            return "Defaults[defaults=" + new TreeMap<>(defaults) + ", secretDefaults="
                    + new TreeSet<>(secretDefaults.keySet()) + "]";
        }
    }
}
