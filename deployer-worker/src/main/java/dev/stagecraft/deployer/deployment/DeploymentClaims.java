package dev.stagecraft.deployer.deployment;

import dev.stagecraft.contracts.DeploymentStatus;
import dev.stagecraft.deployer.environment.Environment;
import dev.stagecraft.deployer.environment.EnvironmentRepository;
import dev.stagecraft.deployer.environment.IllegalTransitionException;
import dev.stagecraft.deployer.environment.StatusChange;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes the next deployment of an environment and starts it, in one short transaction that locks the
 * environment's row: per environment at most one deployment is RUNNING, whichever worker asks (the partial
 * unique index on {@code deployment} guards the same rule). Queued deployments start in the order of their
 * jobs' sequence; a RUNNING deployment whose worker's lease ran out is taken over.
 */
@Service
class DeploymentClaims {

    private static final Logger log = LoggerFactory.getLogger(DeploymentClaims.class);

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
        Instant now = clock.instant();
        Optional<DeploymentRepository.Leased> running = deployments.running(key.app(), key.environment());
        if (running.isPresent()) {
            return running.get().expiredAt(now) ? takeOver(running.get(), environment, now) : new Claim.Idle();
        }
        Optional<Deployment> next = deployments.nextQueued(key.app(), key.environment());
        if (next.isEmpty()) {
            return new Claim.Idle();
        }
        if (deployments.awaitsPredecessor(next.get(), now, properties.orderPatience())) {
            log.debug("{} waits for the job before it in sequence", next.get());
            return new Claim.Idle();
        }
        try {
            return start(next.get(), environment);
        } catch (IllegalTransitionException | IllegalArgumentException refused) {
            return refuse(next.get(), refused.getMessage());
        }
    }

    private Claim start(Deployment queued, Environment environment) {
        StatusChange change = begin(queued, environment);
        Instant now = clock.instant();
        Deployment deployment = queued.started(now);
        List<String> plan = DeploymentPlan.of(deployment.job()).steps();
        environments.save(environment);
        deployments.markRunning(deployment.id(), now, properties.workerId(), now.plus(properties.lease()));
        steps.insertPlan(deployment.id(), plan);
        events.started(deployment, plan);
        events.statusChanged(deployment, change);
        return new Claim.Started(deployment, environment);
    }

    /**
     * The worker running {@code leased} died (its lease ran out): this worker takes the deployment over and
     * runs it again (drivers reconcile, so what the dead worker finished is not done twice), or, after
     * {@code maxAttempts}, fails it.
     */
    private Claim takeOver(DeploymentRepository.Leased leased, Environment environment, Instant now) {
        Deployment d = leased.deployment();
        deployments.takeOver(d.id(), properties.workerId(), now.plus(properties.lease()));
        if (leased.attempts() >= properties.maxAttempts()) {
            log.warn("{}: its worker {} stopped during attempt {}; it fails", d, leased.workerId(), leased.attempts());
            return new Claim.Abandoned(d, leased.workerId(), leased.attempts());
        }
        log.warn(
                "{}: its worker {} stopped (lease expired {}); taken over for attempt {}",
                d,
                leased.workerId(),
                leased.leaseExpiresAt(),
                leased.attempts() + 1);
        return new Claim.Started(d, environment, leased.workerId());
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
