package dev.stagecraft.command.environment;

import dev.stagecraft.command.CommandEvents;
import dev.stagecraft.command.CommandRefusedException;
import dev.stagecraft.command.Decision;
import dev.stagecraft.command.application.Application;
import dev.stagecraft.command.application.Applications;
import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.EventId;
import dev.stagecraft.contracts.Operation;
import dev.stagecraft.contracts.command.Command;
import dev.stagecraft.contracts.command.CreateEnvironment;
import dev.stagecraft.contracts.command.Stage;
import dev.stagecraft.contracts.command.UpdateEnvironment;
import dev.stagecraft.contracts.event.EnvironmentSpecChanged;
import dev.stagecraft.contracts.job.DeploymentJob;
import dev.stagecraft.messaging.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Decides {@code environment.create} and {@code environment.update}: stores the new desired spec as a
 * revision, moves the status to the pending one, and publishes in the same transaction
 * {@code command.accepted}, {@code environment.spec-changed} and a {@code job.deploy} for the worker.
 */
@Component
public class EnvironmentDecisions {

    private final Applications applications;
    private final Environments environments;
    private final SecretSealer sealer;
    private final CommandEvents events;
    private final Outbox outbox;
    private final Clock clock;

    EnvironmentDecisions(
            Applications applications,
            Environments environments,
            SecretSealer sealer,
            CommandEvents events,
            Outbox outbox,
            Clock clock) {
        this.applications = applications;
        this.environments = environments;
        this.sealer = sealer;
        this.events = events;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Decision create(CreateEnvironment command) {
        Application application = applications.lockRegistered(command.app());
        EnvironmentSpec spec = new EnvironmentSpec(
                command.version(),
                command.commit(),
                command.overrides(),
                sealer.seal(command.app(), command.environment(), command.secretOverrides()),
                command.ttl(),
                command.tags(),
                command.description());
        Environment environment = Environment.created(
                command.app(), command.environment(), spec, environments.find(command.app(), command.environment()));
        return deploy(command, application, environment);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Decision update(UpdateEnvironment command) {
        Application application = applications.lockRegistered(command.app());
        Environment current = environments
                .find(command.app(), command.environment())
                .orElseThrow(() -> CommandRefusedException.notFound("environment " + command.app() + "/"
                        + command.environment() + " does not exist; create it with POST /api/v1/applications/"
                        + command.app() + "/environments"));
        Map<String, String> secrets = command.secretOverrides() == null
                ? null
                : sealer.seal(command.app(), command.environment(), command.secretOverrides());
        return deploy(command, application, current.updated(current.spec().updatedBy(command, secrets)));
    }

    private Decision deploy(Command command, Application application, Environment environment) {
        DeploymentId deploymentId = DeploymentId.random();
        Instant now = clock.instant();
        environments.save(environment, command.commandId(), deploymentId, command.actor(), now);
        outbox.publish(specChanged(command, application, environment, now));
        outbox.publish(job(command, application, environment, deploymentId, now));
        return new Decision(environment.app(), environment.name(), deploymentId);
    }

    private EnvironmentSpecChanged specChanged(
            Command command, Application application, Environment environment, Instant now) {
        EnvironmentSpec spec = environment.spec();
        return new EnvironmentSpecChanged(
                EventId.random(),
                now,
                command.commandId(),
                command.actor(),
                environment.app(),
                environment.name(),
                events.sequence(environment.app(), environment.name()),
                spec.version(),
                spec.commit(),
                application.effectiveConfig(spec.overrides()),
                spec.secretKeys(),
                spec.tags(),
                spec.description(),
                spec.ttl(),
                application.driver(),
                stage(application, environment));
    }

    private static DeploymentJob job(
            Command command, Application application, Environment environment, DeploymentId deploymentId, Instant now) {
        EnvironmentSpec spec = environment.spec();
        return new DeploymentJob(
                deploymentId,
                command.commandId(),
                command.actor(),
                environment.app(),
                environment.name(),
                Operation.DEPLOY,
                spec.version(),
                spec.commit(),
                application.effectiveConfig(spec.overrides()),
                spec.sealedSecrets(),
                application.driver(),
                application.driverSettings(),
                Map.of(),
                now);
    }

    private static @Nullable String stage(Application application, Environment environment) {
        return application.stageOf(environment.name()).map(Stage::environment).orElse(null);
    }
}
