package dev.stagecraft.command.application;

import dev.stagecraft.contracts.command.RegisterApplication;
import dev.stagecraft.contracts.command.Stage;
import dev.stagecraft.contracts.event.ApplicationSpec;
import dev.stagecraft.contracts.job.LayeredConfiguration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A registered application: how it runs, its default config and its pipeline. {@code secretDefaults} maps each
 * secret key to its value sealed under <code>app/&#42;/KEY</code> (see {@code SecretSealer}) or to a Vault
 * reference: plaintext is never kept.
 */
public record Application(
        String name,
        @Nullable String repository,
        String driver,
        Map<String, String> driverSettings,
        Map<String, String> defaults,
        Map<String, String> secretDefaults,
        List<Stage> pipeline) {

    public Application {
        driverSettings = Map.copyOf(driverSettings);
        defaults = Map.copyOf(defaults);
        secretDefaults = Map.copyOf(secretDefaults);
        pipeline = List.copyOf(pipeline);
    }

    static Application from(RegisterApplication command, Map<String, String> sealedSecretDefaults) {
        return new Application(
                command.name(),
                command.repository(),
                command.driver(),
                command.driverSettings(),
                command.defaults(),
                sealedSecretDefaults,
                command.pipeline());
    }

    /** What may be told about the application: its secret defaults by name only. */
    public ApplicationSpec spec() {
        return new ApplicationSpec(
                name,
                repository,
                driver,
                driverSettings,
                defaults,
                pipeline,
                List.copyOf(new TreeSet<>(secretDefaults.keySet())));
    }

    /** The stage bound to an environment, if it is a stage environment. */
    public Optional<Stage> stageOf(String environment) {
        return pipeline.stream()
                .filter(stage -> stage.environment().equals(environment))
                .findFirst();
    }

    /**
     * The configuration of one of its environments: these defaults (the secret ones as {@code secretDefaults}
     * gives them, i.e. sealed for that environment) overlaid by the environment's own overrides.
     */
    public LayeredConfiguration configuration(
            Map<String, String> secretDefaults, Map<String, String> overrides, Map<String, String> secretOverrides) {
        return LayeredConfiguration.of(defaults, secretDefaults).overlaidBy(overrides, secretOverrides);
    }
}
