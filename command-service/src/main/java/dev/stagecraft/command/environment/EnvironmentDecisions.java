package dev.stagecraft.command.environment;

import dev.stagecraft.command.CommandRefusedException;
import dev.stagecraft.command.Decision;
import dev.stagecraft.command.application.Application;
import dev.stagecraft.command.application.Applications;
import dev.stagecraft.command.deployment.Deployments;
import dev.stagecraft.command.lock.LockGuard;
import dev.stagecraft.command.secret.SecretSealer;
import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.EnvironmentStatus;
import dev.stagecraft.contracts.Operation;
import dev.stagecraft.contracts.command.ArchiveEnvironment;
import dev.stagecraft.contracts.command.CleanupEnvironment;
import dev.stagecraft.contracts.command.Command;
import dev.stagecraft.contracts.command.CreateEnvironment;
import dev.stagecraft.contracts.command.RestoreEnvironment;
import dev.stagecraft.contracts.command.UpdateEnvironment;
import dev.stagecraft.contracts.job.DeploymentJob;
import dev.stagecraft.messaging.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Decides the commands that change an environment. {@code environment.create} and {@code environment.update}
 * store the new desired spec as a revision and publish {@code environment.spec-changed} and a
 * {@code job.deploy}; {@code environment.archive}, {@code .restore} and {@code .cleanup} publish a job of
 * their operation with the environment's current spec. Promotions, rollbacks and approvals, decided
 * elsewhere, end here too as a {@link VersionChange}, so that every deployment of a version passes the same
 * checks. Each moves the status to the pending one (or is refused, naming the status, when the lifecycle
 * forbids it) in the same transaction as its events and job, and announces the decision in-process
 * ({@link EnvironmentDecided}) within that transaction. What is published is built by
 * {@link DeploymentMessages}.
 */
@Component
public class EnvironmentDecisions {

    private final Applications applications;
    private final Environments environments;
    private final Deployments deployments;
    private final LockGuard locks;
    private final SecretSealer sealer;
    private final DeploymentMessages messages;
    private final Outbox outbox;
    private final ApplicationEventPublisher decisions;
    private final Clock clock;

    EnvironmentDecisions(
            Applications applications,
            Environments environments,
            Deployments deployments,
            LockGuard locks,
            SecretSealer sealer,
            DeploymentMessages messages,
            Outbox outbox,
            ApplicationEventPublisher decisions,
            Clock clock) {
        this.applications = applications;
        this.environments = environments;
        this.deployments = deployments;
        this.locks = locks;
        this.sealer = sealer;
        this.messages = messages;
        this.outbox = outbox;
        this.decisions = decisions;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Decision create(CreateEnvironment command) {
        Application application = applications.lockForEnvironment(command.app(), command.environment());
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
        return deploy(command, command.actor(), DeploymentId.random(), application, environment);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Decision update(UpdateEnvironment command) {
        Application application = applications.lockForEnvironment(command.app(), command.environment());
        Environment current = environments
                .lock(command.app(), command.environment())
                .orElseThrow(() -> unknown(command.app(), command.environment()));
        Map<String, String> secrets = command.secretOverrides() == null
                ? null
                : sealer.seal(command.app(), command.environment(), command.secretOverrides());
        Environment next = current.updated(current.spec().updatedBy(command, secrets));
        return deploy(command, command.actor(), DeploymentId.random(), application, next);
    }

    /**
     * Deploys a version decided by a promotion, rollback or approval under the deployment id given: an
     * environment that does not exist yet (or was cleaned up) is created with the application's defaults and
     * no overrides; an existing one keeps its overrides, secrets, ttl, tags and description.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Decision deploy(VersionChange change) {
        Application application = applications.lockForEnvironment(change.app(), change.environment());
        Optional<Environment> current = environments.lock(change.app(), change.environment());
        Environment next = current.filter(environment -> environment.status() != EnvironmentStatus.CLEANED)
                .map(environment ->
                        environment.updated(environment.spec().withVersion(change.version(), change.commit())))
                .orElseGet(() -> Environment.created(
                        change.app(),
                        change.environment(),
                        EnvironmentSpec.of(change.version(), change.commit()),
                        current));
        return deploy(change.cause(), change.actor(), change.deploymentId(), application, next);
    }

    /**
     * Refuses, as a deployment of a version by {@code actor} would be, unless the environment allows one now;
     * for a deployment that will wait for approval, so that a hopeless request is refused at once. (The checks
     * of the deploy path that do not need the new spec belong here too, e.g. a lock held by someone else.)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void refuseUnlessDeployable(String app, String name, String actor) {
        refuseIfLockedByAnother(actor, app, name, Operation.DEPLOY);
        environments
                .find(app, name)
                .filter(environment -> environment.status() != EnvironmentStatus.CLEANED)
                .ifPresent(environment -> environment.updated(environment.spec()));
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
        Application application = applications.lockForEnvironment(app, name);
        refuseIfLockedByAnother(command.actor(), app, name, operation);
        Environment current = environments.lock(app, name).orElseThrow(() -> unknown(app, name));
        Environment next = transition.apply(current);
        DeploymentId deploymentId = DeploymentId.random();
        Instant now = clock.instant();
        environments.saveStatus(next, command.commandId(), deploymentId, now);
        publish(
                messages.job(command.commandId(), command.actor(), application, next, operation, deploymentId, now),
                now);
        decided(command, next, now);
        return new Decision(app, name, deploymentId);
    }

    /** The one path of every deployment of a version: lock check, new spec revision, spec-changed, job. */
    private Decision deploy(
            Command cause, String actor, DeploymentId deploymentId, Application application, Environment environment) {
        refuseIfLockedByAnother(actor, environment.app(), environment.name(), Operation.DEPLOY);
        Instant now = clock.instant();
        environments.save(environment, cause.commandId(), deploymentId, actor, now);
        outbox.publish(messages.specChanged(cause.commandId(), actor, application, environment, now));
        publish(
                messages.job(cause.commandId(), actor, application, environment, Operation.DEPLOY, deploymentId, now),
                now);
        decided(cause, environment, now);
        return new Decision(environment.app(), environment.name(), deploymentId);
    }

    /**
     * The one lock check of every decision that deploys to or changes an environment (create, update, archive,
     * restore, cleanup, and promotions, rollbacks and approved deployments decided through here): while it is
     * locked, only the holder may.
     */
    private void refuseIfLockedByAnother(String actor, String app, String name, Operation operation) {
        String what = switch (operation) {
            case DEPLOY -> "deployed to";
            case ARCHIVE -> "archived";
            case RESTORE -> "restored";
            case CLEANUP -> "cleaned up";
        };
        locks.refuseUnlessHolder(app, name, actor, what);
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
}
