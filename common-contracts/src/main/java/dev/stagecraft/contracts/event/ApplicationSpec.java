package dev.stagecraft.contracts.event;

import dev.stagecraft.contracts.command.Stage;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What is public about an application: how it runs, its default config and its pipeline. */
public record ApplicationSpec(
        String name,
        @Nullable String repository,
        String driver,
        Map<String, String> driverSettings,
        Map<String, String> defaults,
        List<Stage> pipeline) {}
