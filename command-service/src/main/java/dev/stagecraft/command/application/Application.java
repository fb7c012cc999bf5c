package dev.stagecraft.command.application;

import dev.stagecraft.contracts.command.RegisterApplication;
import dev.stagecraft.contracts.command.Stage;
import dev.stagecraft.contracts.event.ApplicationSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A registered application: how it runs, its default public config and its pipeline. */
public record Application(
        String name,
        @Nullable String repository,
        String driver,
        Map<String, String> driverSettings,
        Map<String, String> defaults,
        List<Stage> pipeline) {

    public Application {
        driverSettings = Map.copyOf(driverSettings);
        defaults = Map.copyOf(defaults);
        pipeline = List.copyOf(pipeline);
    }

    static Application from(RegisterApplication command) {
        return new Application(
                command.name(),
                command.repository(),
                command.driver(),
                command.driverSettings(),
                command.defaults(),
                command.pipeline());
    }

    public ApplicationSpec spec() {
        return new ApplicationSpec(name, repository, driver, driverSettings, defaults, pipeline);
    }

    /** The stage bound to an environment, if it is a stage environment. */
    public Optional<Stage> stageOf(String environment) {
        return pipeline.stream()
                .filter(stage -> stage.environment().equals(environment))
                .findFirst();
    }

    /** The effective public config of an environment: application defaults &lt; environment overrides. */
    public Map<String, String> effectiveConfig(Map<String, String> environmentOverrides) {
        Map<String, String> effective = new LinkedHashMap<>(defaults);
        effective.putAll(environmentOverrides);
        return effective;
    }
}
