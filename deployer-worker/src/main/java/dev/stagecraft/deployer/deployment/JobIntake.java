package dev.stagecraft.deployer.deployment;

import dev.stagecraft.contracts.DeploymentStatus;
import dev.stagecraft.contracts.job.CancelJob;
import dev.stagecraft.contracts.job.DeploymentJob;
import dev.stagecraft.deployer.environment.Environment;
import dev.stagecraft.deployer.environment.EnvironmentRepository;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Takes jobs in: a deployment job becomes a QUEUED deployment in its environment's FIFO queue (announced by
 * {@code deployment.queued}); a cancel job withdraws a deployment that has not started. Idempotent by
 * deployment id. Runs in the transaction of the consumed message.
 */
@Service
@Transactional(propagation = Propagation.MANDATORY)
public class JobIntake {

    private static final Logger log = LoggerFactory.getLogger(JobIntake.class);

    private final DeploymentRepository deployments;
    private final EnvironmentRepository environments;
    private final DeploymentEvents events;
    private final DeploymentDispatcher dispatcher;
    private final Clock clock;

    JobIntake(
            DeploymentRepository deployments,
            EnvironmentRepository environments,
            DeploymentEvents events,
            DeploymentDispatcher dispatcher,
            Clock clock) {
        this.deployments = deployments;
        this.environments = environments;
        this.events = events;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    public void accept(DeploymentJob job) {
        environments.ensureExists(job.app(), job.environment());
        Environment environment = environments.lock(job.app(), job.environment());
        Optional<Long> later = job.sequence() > 0
                ? deployments.startedAfter(job.app(), job.environment(), job.sequence())
                : Optional.empty();
        DeploymentStatus status = later.isPresent() ? DeploymentStatus.SUPERSEDED : DeploymentStatus.QUEUED;
        if (!deployments.insert(job, status, environment.actualVersion(), clock.instant())) {
            log.info("deployment {} is already known; job skipped", job.deploymentId());
            return;
        }
        Deployment deployment = deployments.find(job.deploymentId()).orElseThrow();
        if (later.isPresent()) {
            String reason = "superseded: it arrived after a later deployment of " + job.app() + "/"
                    + job.environment() + " (job " + later.get() + ", this one is job " + job.sequence()
                    + ") had started; the later one decides what runs";
            log.warn("{} {}", deployment, reason);
            events.superseded(deployment, reason);
            return;
        }
        events.queued(deployment, deployments.position(deployment.id()));
        wakeAfterCommit(new EnvironmentKey(job.app(), job.environment()));
    }

    public void cancel(CancelJob job) {
        deployments
                .find(job.deploymentId())
                .ifPresentOrElse(
                        deployment -> cancel(job, deployment),
                        () -> log.warn(
                                "cannot cancel deployment {}: this worker does not know it", job.deploymentId()));
    }

    private void cancel(CancelJob job, Deployment deployment) {
        String reason = "cancelled by " + job.actor() + " before it started";
        if (deployments.cancelIfQueued(deployment.id(), clock.instant(), reason)) {
            events.cancelled(deployment, job.commandId(), job.actor(), reason);
        } else {
            log.warn("cannot cancel {}: it is no longer queued (only queued deployments can be cancelled)", deployment);
        }
    }

    private void wakeAfterCommit(EnvironmentKey key) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                dispatcher.wake(key);
            }
        });
    }
}
