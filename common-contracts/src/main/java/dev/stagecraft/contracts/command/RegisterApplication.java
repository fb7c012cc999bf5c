package dev.stagecraft.contracts.command;

import dev.stagecraft.contracts.CommandId;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** {@code application.register}: declares an application, how to run it and its pipeline. */
public record RegisterApplication(
        CommandId commandId,
        String actor,
        String name,
        @Nullable String repository,
        String driver,
        Map<String, String> driverSettings,
        Map<String, String> defaults,
        List<Stage> pipeline)
        implements Command {

    public RegisterApplication {
        driverSettings = copy(driverSettings);
        defaults = copy(defaults);
        pipeline = pipeline == null ? List.of() : List.copyOf(pipeline);
    }

    static Map<String, String> copy(@Nullable Map<String, String> map) {
        return map == null ? Map.of() : Map.copyOf(map);
    }
}
