package dev.stagecraft.command.environment;

import dev.stagecraft.command.CommandEvents;
import dev.stagecraft.command.CommandRefusedException;
import dev.stagecraft.command.Decision;
import dev.stagecraft.command.application.Application;
import dev.stagecraft.command.application.Applications;
import dev.stagecraft.command.deployment.Deployments;
import dev.stagecraft.command.lock.LockGuard;
import dev.stagecraft.command.secret.SecretSealer;
import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.EventId;
import dev.stagecraft.contracts.Operation;
import dev.stagecraft.contracts.command.ArchiveEnvironment;
import dev.stagecraft.contracts.command.CleanupEnvironment;
import dev.stagecraft.contracts.command.Command;
import dev.stagecraft.contracts.command.CreateEnvironment;
import dev.stagecraft.contracts.command.RestoreEnvironment;
import dev.stagecraft.contracts.command.Stage;
import dev.stagecraft.contracts.command.UpdateEnvironment;
import dev.stagecraft.contracts.event.EnvironmentSpecChanged;
import dev.stagecraft.contracts.job.DeploymentJob;
import dev.stagecraft.contracts.job.LayeredConfiguration;
import dev.stagecraft.messaging.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Decides the commands that change an environment. {@code environment.create} and {@code environment.update}
 * store the new desired spec as a revision and publish {@code environment.spec-changed} and a
 * {@code job.deploy}; {@code environment.archive}, {@code .restore} and {@code .cleanup} publish a job of
 * their operation with the environment's current spec. Each moves the status to the pending one (or is
 * refused, naming the status, when the lifecycle forbids it) in the same transaction as its events and job,
 * and announces the decision in-process ({@link EnvironmentDecided}) within that transaction. A job carries
 * the environment's {@link LayeredConfiguration}: application defaults &lt; environment overrides, the application's
 * secret defaults sealed again for the environment.
 */
@Component
public class EnvironmentDecisions {

    private final Applications applications;
    private final Environments environments;
    private final Deployments deployments;
    private final LockGuard locks;
    private final SecretSealer sealer;
    private final CommandEvents events;
    private final Outbox outbox;
    private final ApplicationEventPublisher decisions;
    private final Clock clock;

    EnvironmentDecisions(
            Applications applications,
            Environments environments,
            Deployments deployments,
            LockGuard locks,
            SecretSealer sealer,
            CommandEvents events,
            Outbox outbox,
            ApplicationEventPublisher decisions,
            Clock clock) {
        this.applications = applications;
        this.environments = environments;
        this.deployments = deployments;
        this.locks = locks;
        this.sealer = sealer;
        this.events = events;
        this.outbox = outbox;
        this.decisions = decisions;
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
                command.app(), command.environment(), spec, environments.lock(command.app(), command.environment()));
        return deploy(command, application, environment);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Decision update(UpdateEnvironment command) {
        Application application = applications.lockRegistered(command.app());
        Environment current = environments
                .lock(command.app(), command.environment())
                .orElseThrow(() -> unknown(command.app(), command.environment()));
        Map<String, String> secrets = command.secretOverrides() == null
                ? null
                : sealer.seal(command.app(), command.environment(), command.secretOverrides());
        return deploy(command, application, current.updated(current.spec().updatedBy(command, secrets)));
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Decision archive(ArchiveEnvironment command) {
        return lifecycle(command, command.app(), command.environment(), Operation.ARCHIVE, Environment::archiving);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Decision restore(RestoreEnvironment command) {
        return lifecycle(command, command.app(), command.environment(), Operation.RESTORE, Environment::restoring);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Decision cleanup(CleanupEnvironment command) {
        return lifecycle(command, command.app(), command.environment(), Operation.CLEANUP, Environment::cleaningUp);
    }

    private Decision lifecycle(
            Command command, String app, String name, Operation operation, UnaryOperator<Environment> transition) {
        Application application = applications.lockRegistered(app);
        refuseIfLockedByAnother(command, app, name, operation);
        Environment current = environments.lock(app, name).orElseThrow(() -> unknown(app, name));
        Environment next = transition.apply(current);
        DeploymentId deploymentId = DeploymentId.random();
        Instant now = clock.instant();
        environments.saveStatus(next, command.commandId(), deploymentId, now);
        publish(job(command, application, next, operation, deploymentId, now), now);
        decided(command, next, now);
        return new Decision(app, name, deploymentId);
    }

    private Decision deploy(Command command, Application application, Environment environment) {
        refuseIfLockedByAnother(command, environment.app(), environment.name(), Operation.DEPLOY);
        DeploymentId deploymentId = DeploymentId.random();
        Instant now = clock.instant();
        environments.save(environment, command.commandId(), deploymentId, command.actor(), now);
        outbox.publish(specChanged(command, application, environment, now));
        publish(job(command, application, environment, Operation.DEPLOY, deploymentId, now), now);
        decided(command, environment, now);
        return new Decision(environment.app(), environment.name(), deploymentId);
    }

    /**
     * The one lock check of every decision that deploys to or changes an environment (create, update, archive,
     * restore, cleanup, and promotions, rollbacks and approved deployments decided through here): while it is
     * locked, only the holder may.
     */
    private void refuseIfLockedByAnother(Command command, String app, String name, Operation operation) {
        String what = switch (operation) {
            case DEPLOY -> "deployed to";
            case ARCHIVE -> "archived";
            case RESTORE -> "restored";
            case CLEANUP -> "cleaned up";
        };
        locks.refuseUnlessHolder(app, name, command.actor(), what);
    }

    private void publish(DeploymentJob job, Instant now) {
        deployments.queued(job, now);
        outbox.publish(job);
    }

    private void decided(Command command, Environment environment, Instant now) {
        decisions.publishEvent(new EnvironmentDecided(
                command,
                environment.app(),
                environment.name(),
                environment.spec().ttl(),
                now));
    }

    static CommandRefusedException unknown(String app, String name) {
        return CommandRefusedException.notFound("environment " + app + "/" + name
                + " does not exist; create it with POST /api/v1/applications/" + app + "/environments");
    }

    private EnvironmentSpecChanged specChanged(
            Command command, Application application, Environment environment, Instant now) {
        EnvironmentSpec spec = environment.spec();
        LayeredConfiguration configuration = configuration(application, environment);
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
                configuration.overrides(),
                configuration.secretKeys(),
                spec.tags(),
                spec.description(),
                spec.ttl(),
                application.driver(),
                stage(application, environment),
                sealer.fingerprints(environment.app(), environment.name(), configuration.secrets()));
    }

    private DeploymentJob job(
            Command command,
            Application application,
            Environment environment,
            Operation operation,
            DeploymentId deploymentId,
            Instant now) {
        EnvironmentSpec spec = environment.spec();
        LayeredConfiguration configuration = configuration(application, environment);
        return new DeploymentJob(
                deploymentId,
                command.commandId(),
                command.actor(),
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
