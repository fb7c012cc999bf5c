package dev.stagecraft.contracts.event;

import dev.stagecraft.contracts.command.Stage;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What is public about an application: how it runs, its default config, its pipeline and the names (only) of
 * its secret defaults.
 */
public record ApplicationSpec(
        String name,
        @Nullable String repository,
        String driver,
        Map<String, String> driverSettings,
        Map<String, String> defaults,
        List<Stage> pipeline,
        List<String> secretKeys) {

    public ApplicationSpec {
        secretKeys = secretKeys == null ? List.of() : List.copyOf(secretKeys);
    }

    /** The spec of an application without secret defaults. */
    public ApplicationSpec(
            String name,
            @Nullable String repository,
            String driver,
            Map<String, String> driverSettings,
            Map<String, String> defaults,
            List<Stage> pipeline) {
        this(name, repository, driver, driverSettings, defaults, pipeline, List.of());
    }
}
