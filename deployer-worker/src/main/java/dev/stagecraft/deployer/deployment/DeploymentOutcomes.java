package dev.stagecraft.deployer.deployment;

import dev.stagecraft.contracts.DeploymentStatus;
import dev.stagecraft.contracts.EnvironmentStatus;
import dev.stagecraft.contracts.FailureReason;
import dev.stagecraft.contracts.Operation;
import dev.stagecraft.deployer.driver.Link;
import dev.stagecraft.deployer.environment.Deployed;
import dev.stagecraft.deployer.environment.Environment;
import dev.stagecraft.deployer.environment.EnvironmentRepository;
import dev.stagecraft.deployer.environment.IllegalTransitionException;
import dev.stagecraft.deployer.environment.StatusChange;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ends a running deployment: the deployment's final status, the environment's status change and their two
 * events ({@code environment.status-changed}, then {@code deployment.succeeded|failed}) in one transaction.
 */
@Service
class DeploymentOutcomes {

    private static final Logger log = LoggerFactory.getLogger(DeploymentOutcomes.class);

    private final DeploymentRepository deployments;
    private final EnvironmentRepository environments;
    private final DeploymentEvents events;
    private final DeployerProperties properties;
    private final Clock clock;

    DeploymentOutcomes(
            DeploymentRepository deployments,
            EnvironmentRepository environments,
            DeploymentEvents events,
            DeployerProperties properties,
            Clock clock) {
        this.deployments = deployments;
        this.environments = environments;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The deployment succeeded; {@code after} is what the environment has now (null after a cleanup), {@code
     * links} what its driver's {@code info} gives users for it.
     */
    @Transactional
    public void succeeded(Deployment d, @Nullable Deployed after, String reason, List<Link> links) {
        Environment environment = environments.lock(d.app(), d.environment());
        Instant now = clock.instant();
        if (!held(d, DeploymentStatus.SUCCEEDED, now, null, null)) {
            return;
        }
        StatusChange change = switch (d.operation()) {
            case DEPLOY, RESTORE -> environment.becameRunning(Objects.requireNonNull(after), reason);
            case ARCHIVE -> environment.archived(after, reason);
            case CLEANUP -> environment.cleaned(reason);
        };
        environments.save(environment);
        events.statusChanged(d, change);
        events.succeeded(d, d.durationMs(now), links);
    }

    /** The deployment failed at {@code step} (null: before any step); the environment goes to FAILURE. */
    @Transactional
    public void failed(Deployment d, FailureReason why, String error, @Nullable String step) {
        Environment environment = environments.lock(d.app(), d.environment());
        Instant now = clock.instant();
        if (!held(d, DeploymentStatus.FAILED, now, error, step)) {
            return;
        }
        StatusChange change = null;
        try {
            change = environment.operationFailed(why, environmentReason(d, environment, error));
            environments.save(environment);
        } catch (IllegalTransitionException e) {
            log.warn("{} failed but its environment cannot record it: {}", d, e.getMessage());
        }
        if (change != null) {
            events.statusChanged(d, change);
        }
        events.failed(d, error, step, d.durationMs(now));
    }

    /**
     * The driver deployed {@code after}, but a later step of the plan (verify, post-deploy) failed: the new
     * version runs, so the environment records it and becomes RUNNING, then FAILURE with the step's error.
     */
    @Transactional
    public void failedAfterDeploy(Deployment d, Deployed after, String error, String step) {
        Environment environment = environments.lock(d.app(), d.environment());
        Instant now = clock.instant();
        if (!held(d, DeploymentStatus.FAILED, now, error, step)) {
            return;
        }
        StatusChange running = environment.becameRunning(after, "version " + d.toVersion() + " runs");
        StatusChange failed = environment.checkFailed(
                FailureReason.GENERIC,
                "version " + d.toVersion() + " runs, but step " + step + " of deployment " + d.id() + " failed: "
                        + error);
        environments.save(environment);
        events.statusChanged(d, running);
        events.statusChanged(d, failed);
        events.failed(d, error, step, d.durationMs(now));
    }

    /**
     * Ends the deployment if this worker still holds it. A worker whose lease ran out (it stalled longer than
     * the lease) lost the deployment to another worker: it must not end it, nor touch the environment.
     */
    private boolean held(
            Deployment d, DeploymentStatus status, Instant now, @Nullable String error, @Nullable String step) {
        if (deployments.finishHeld(d.id(), properties.workerId(), status, now, error, step)) {
            return true;
        }
        log.warn("{} ended here as {}, but another worker took it over meanwhile; its outcome decides", d, status);
        return false;
    }

    private static String environmentReason(Deployment d, Environment environment, String error) {
        if (d.operation() != Operation.DEPLOY) {
            return d.operation().name().toLowerCase(java.util.Locale.ROOT) + " failed: " + error;
        }
        if (environment.status() == EnvironmentStatus.CREATE_PENDING || environment.actualVersion() == null) {
            return "creating it with version " + d.toVersion() + " failed: " + error;
        }
        return "update to " + d.toVersion() + " failed: " + error + "; version " + environment.actualVersion()
                + " is still running";
    }
}
