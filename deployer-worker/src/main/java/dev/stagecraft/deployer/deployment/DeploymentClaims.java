package dev.stagecraft.deployer.deployment;

import dev.stagecraft.contracts.DeploymentStatus;
import dev.stagecraft.deployer.driver.Steps;
import dev.stagecraft.deployer.environment.Environment;
import dev.stagecraft.deployer.environment.EnvironmentRepository;
import dev.stagecraft.deployer.environment.IllegalTransitionException;
import dev.stagecraft.deployer.environment.StatusChange;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes the next queued deployment of an environment and starts it, in one short transaction that locks the
 * environment's row: per environment at most one deployment is RUNNING, whichever worker asks (the partial
 * unique index on {@code deployment} guards the same rule).
 */
@Service
class DeploymentClaims {

    private final DeploymentRepository deployments;
    private final EnvironmentRepository environments;
    private final StepRepository steps;
    private final DeploymentEvents events;
    private final DeployerProperties properties;
    private final Clock clock;

    DeploymentClaims(
            DeploymentRepository deployments,
            EnvironmentRepository environments,
            StepRepository steps,
            DeploymentEvents events,
            DeployerProperties properties,
            Clock clock) {
        this.deployments = deployments;
        this.environments = environments;
        this.steps = steps;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    @Transactional
    public Claim claimNext(EnvironmentKey key) {
        Environment environment = environments.lock(key.app(), key.environment());
        if (deployments.hasRunning(key.app(), key.environment())) {
            return new Claim.Idle();
        }
        Optional<Deployment> next = deployments.nextQueued(key.app(), key.environment());
        if (next.isEmpty()) {
            return new Claim.Idle();
        }
        try {
            return start(next.get(), environment);
        } catch (IllegalTransitionException refused) {
            return refuse(next.get(), refused.getMessage());
        }
    }

    private Claim start(Deployment queued, Environment environment) {
        StatusChange change = begin(queued, environment);
        Instant now = clock.instant();
        Deployment deployment = queued.started(now);
        List<String> plan = Steps.plan(deployment.operation());
        environments.save(environment);
        deployments.markRunning(deployment.id(), now, properties.workerId());
        steps.insertPlan(deployment.id(), plan);
        events.started(deployment, plan);
        events.statusChanged(deployment, change);
        return new Claim.Started(deployment, environment);
    }

    private static StatusChange begin(Deployment d, Environment environment) {
        String reason = d.operation().name().toLowerCase(java.util.Locale.ROOT) + " " + d.toVersion() + " by "
                + d.actor() + " (deployment " + d.id() + ")";
        return switch (d.operation()) {
            case DEPLOY -> environment.isNew() ? environment.startCreate(reason) : environment.startUpdate(reason);
            case ARCHIVE -> environment.startArchive(reason);
            case RESTORE -> environment.startRestore(reason);
            case CLEANUP -> environment.startCleanup(reason);
        };
    }

    private Claim refuse(Deployment deployment, String error) {
        Instant now = clock.instant();
        deployments.finish(deployment.id(), DeploymentStatus.FAILED, now, error, null);
        events.failed(deployment, error, null, deployment.durationMs(now));
        return new Claim.Refused(deployment);
    }
}
