package dev.stagecraft.contracts.command;

import dev.stagecraft.contracts.CommandId;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code application.register}: declares an application, how to run it and its pipeline. {@code secretDefaults}
 * are the application's default secret values, each plaintext (command-service seals it at once and never
 * stores it) or a Vault reference {@code vault:<mount>/<path>#<key>}; an environment's overrides are layered on
 * top of both kinds of defaults.
 */
public record RegisterApplication(
        CommandId commandId,
        String actor,
        String name,
        @Nullable String repository,
        String driver,
        Map<String, String> driverSettings,
        Map<String, String> defaults,
        List<Stage> pipeline,
        Map<String, String> secretDefaults)
        implements Command {

    public RegisterApplication {
        driverSettings = copy(driverSettings);
        defaults = copy(defaults);
        pipeline = pipeline == null ? List.of() : List.copyOf(pipeline);
        secretDefaults = copy(secretDefaults);
    }

    /** An application without secret defaults. */
    public RegisterApplication(
            CommandId commandId,
            String actor,
            String name,
            @Nullable String repository,
            String driver,
            Map<String, String> driverSettings,
            Map<String, String> defaults,
            List<Stage> pipeline) {
        this(commandId, actor, name, repository, driver, driverSettings, defaults, pipeline, Map.of());
    }

    static Map<String, String> copy(@Nullable Map<String, String> map) {
        return map == null ? Map.of() : Map.copyOf(map);
    }
}
