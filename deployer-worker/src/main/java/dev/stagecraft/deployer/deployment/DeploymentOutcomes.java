package dev.stagecraft.deployer.deployment;

import dev.stagecraft.contracts.DeploymentStatus;
import dev.stagecraft.contracts.EnvironmentStatus;
import dev.stagecraft.contracts.FailureReason;
import dev.stagecraft.contracts.Operation;
import dev.stagecraft.deployer.environment.Deployed;
import dev.stagecraft.deployer.environment.Environment;
import dev.stagecraft.deployer.environment.EnvironmentRepository;
import dev.stagecraft.deployer.environment.IllegalTransitionException;
import dev.stagecraft.deployer.environment.StatusChange;
import java.time.Clock;
import java.time.Instant;
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
    private final Clock clock;

    DeploymentOutcomes(
            DeploymentRepository deployments,
            EnvironmentRepository environments,
            DeploymentEvents events,
            Clock clock) {
        this.deployments = deployments;
        this.environments = environments;
        this.events = events;
        this.clock = clock;
    }

    /** The deployment succeeded; {@code after} is what the environment has now (null after a cleanup). */
    @Transactional
    public void succeeded(Deployment d, @Nullable Deployed after, String reason) {
        Environment environment = environments.lock(d.app(), d.environment());
        StatusChange change = switch (d.operation()) {
            case DEPLOY, RESTORE -> environment.becameRunning(Objects.requireNonNull(after), reason);
            case ARCHIVE -> environment.archived(after, reason);
            case CLEANUP -> environment.cleaned(reason);
        };
        environments.save(environment);
        Instant now = clock.instant();
        deployments.finish(d.id(), DeploymentStatus.SUCCEEDED, now, null, null);
        events.statusChanged(d, change);
        events.succeeded(d, d.durationMs(now));
    }

    /** The deployment failed at {@code step} (null: before any step); the environment goes to FAILURE. */
    @Transactional
    public void failed(Deployment d, FailureReason why, String error, @Nullable String step) {
        Environment environment = environments.lock(d.app(), d.environment());
        StatusChange change = null;
        try {
            change = environment.operationFailed(why, environmentReason(d, environment, error));
            environments.save(environment);
        } catch (IllegalTransitionException e) {
            log.warn("{} failed but its environment cannot record it: {}", d, e.getMessage());
        }
        Instant now = clock.instant();
        deployments.finish(d.id(), DeploymentStatus.FAILED, now, error, step);
        if (change != null) {
            events.statusChanged(d, change);
        }
        events.failed(d, error, step, d.durationMs(now));
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
