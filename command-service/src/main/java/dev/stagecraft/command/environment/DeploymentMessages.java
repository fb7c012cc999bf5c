package dev.stagecraft.command.environment;

import dev.stagecraft.command.CommandEvents;
import dev.stagecraft.command.application.Application;
import dev.stagecraft.command.secret.SecretSealer;
import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.EventId;
import dev.stagecraft.contracts.Operation;
import dev.stagecraft.contracts.command.Stage;
import dev.stagecraft.contracts.event.EnvironmentSpecChanged;
import dev.stagecraft.contracts.job.DeploymentJob;
import dev.stagecraft.contracts.job.LayeredConfiguration;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Builds what a decided environment change publishes: its {@code environment.spec-changed} and its
 * {@link DeploymentJob}, both carrying the environment's {@link LayeredConfiguration} (application defaults
 * &lt; environment overrides, the application's secret defaults sealed again for the environment). Kept apart
 * from {@link EnvironmentDecisions} so that the decisions read as decisions.
 */
@Component
class DeploymentMessages {

    private final SecretSealer sealer;
    private final CommandEvents events;

    DeploymentMessages(SecretSealer sealer, CommandEvents events) {
        this.sealer = sealer;
        this.events = events;
    }

    EnvironmentSpecChanged specChanged(
            CommandId commandId, String actor, Application application, Environment environment, Instant now) {
        EnvironmentSpec spec = environment.spec();
        LayeredConfiguration configuration = configuration(application, environment);
        return new EnvironmentSpecChanged(
                EventId.random(),
                now,
                commandId,
                actor,
                environment.app(),
                environment.name(),
                events.sequence(environment.app(), environment.name()),
                spec.version(),
                spec.commit(),
                configuration.overrides(),
                configuration.secretKeys(),
                spec.tags(),
                spec.description(),
                spec.ttl(),
                application.driver(),
                stage(application, environment),
                sealer.fingerprints(environment.app(), environment.name(), configuration.secrets()));
    }

    DeploymentJob job(
            CommandId commandId,
            String actor,
            Application application,
            Environment environment,
            Operation operation,
            DeploymentId deploymentId,
            Instant now) {
        EnvironmentSpec spec = environment.spec();
        LayeredConfiguration configuration = configuration(application, environment);
        return new DeploymentJob(
                deploymentId,
                commandId,
                actor,
                environment.app(),
                environment.name(),
                operation,
                spec.version(),
                spec.commit(),
                configuration.overrides(),
                configuration.secrets(),
                application.driver(),
                application.driverSettings(),
                Map.of(),
                now,
                environment.jobSequence());
    }

    /** The environment's configuration: the application's defaults overlaid by its own overrides. */
    private LayeredConfiguration configuration(Application application, Environment environment) {
        EnvironmentSpec spec = environment.spec();
        return application.configuration(
                sealer.forEnvironment(application.name(), environment.name(), application.secretDefaults()),
                spec.overrides(),
                spec.sealedSecrets());
    }

    private static @Nullable String stage(Application application, Environment environment) {
        return application.stageOf(environment.name()).map(Stage::environment).orElse(null);
    }
}
