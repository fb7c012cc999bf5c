package dev.stagecraft.deployer.deployment;

import dev.stagecraft.contracts.EnvironmentStatus;
import dev.stagecraft.contracts.FailureReason;
import dev.stagecraft.deployer.driver.CheckResult;
import dev.stagecraft.deployer.driver.Drivers;
import dev.stagecraft.deployer.driver.Target;
import dev.stagecraft.deployer.driver.Workload;
import dev.stagecraft.deployer.environment.Deployed;
import dev.stagecraft.deployer.environment.Environment;
import dev.stagecraft.deployer.environment.EnvironmentRepository;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the worker does when it starts. Deployments this worker (same {@code worker-id}) left RUNNING were cut
 * short: what they left behind is removed through their driver (a new version still being started is stopped;
 * the version the environment records keeps running), they fail, and their environments go to FAILURE. RUNNING
 * environments are adopted: the workloads that outlived the worker (the local driver's processes) are checked
 * once through their driver, and an environment whose workload is gone or unhealthy goes to FAILURE. Then the
 * queues are worked off.
 */
@Component
class DeploymentRecovery {

    private static final Logger log = LoggerFactory.getLogger(DeploymentRecovery.class);

    private final DeploymentRepository deployments;
    private final EnvironmentRepository environments;
    private final DeploymentOutcomes outcomes;
    private final DeploymentEvents events;
    private final Drivers drivers;
    private final SpecFactory specs;
    private final DeploymentDispatcher dispatcher;
    private final DeployerProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;

    DeploymentRecovery(
            DeploymentRepository deployments,
            EnvironmentRepository environments,
            DeploymentOutcomes outcomes,
            DeploymentEvents events,
            Drivers drivers,
            SpecFactory specs,
            DeploymentDispatcher dispatcher,
            DeployerProperties properties,
            TransactionTemplate transactions,
            Clock clock) {
        this.deployments = deployments;
        this.environments = environments;
        this.outcomes = outcomes;
        this.events = events;
        this.drivers = drivers;
        this.specs = specs;
        this.dispatcher = dispatcher;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void recover() {
        deployments.runningOn(properties.workerId()).forEach(this::failInterrupted);
        environments.findByStatus(EnvironmentStatus.RUNNING).forEach(this::adopt);
        deployments.environmentsWithWork(clock.instant()).forEach(dispatcher::wake);
    }

    private void failInterrupted(Deployment d) {
        log.warn("{} was cut short by a restart of this worker; it fails", d);
        removeLeftovers(d);
        outcomes.failed(
                d,
                FailureReason.GENERIC,
                "deployer-worker " + properties.workerId() + " stopped while this deployment ran; deploy again",
                null);
    }

    private void removeLeftovers(Deployment d) {
        try {
            Deployed recorded = environments
                    .find(d.app(), d.environment())
                    .map(Environment::deployed)
                    .orElse(null);
            drivers.get(d.job().driver()).recover(new Target(d.app(), d.environment()), specs.workload(recorded));
        } catch (RuntimeException e) {
            log.warn("cannot remove what {} left behind: {}", d, e.getMessage());
        }
    }

    private void adopt(Environment environment) {
        try {
            Workload workload = specs.workload(environment.deployed());
            if (workload == null) {
                return;
            }
            CheckResult check = drivers.get(workload.spec().driver()).check(workload);
            if (check.isHealthy()) {
                log.info("adopted {}/{}: {}", environment.app(), environment.name(), check.message());
            } else {
                markFailed(environment, check);
            }
        } catch (RuntimeException e) {
            log.warn("cannot check {}/{} after the restart: {}", environment.app(), environment.name(), e.getMessage());
        }
    }

    private void markFailed(Environment seen, CheckResult check) {
        log.warn("{}/{} is not healthy after the restart: {}", seen.app(), seen.name(), check.message());
        transactions.executeWithoutResult(status -> {
            Environment environment = environments.lock(seen.app(), seen.name());
            if (environment.status() != EnvironmentStatus.RUNNING) {
                return;
            }
            var change = environment.checkFailed(
                    check.failure() != null ? check.failure() : FailureReason.GENERIC,
                    "check after a restart of deployer-worker: " + check.message());
            environments.save(environment);
            events.statusChanged(seen.app(), seen.name(), null, DeploymentEvents.WORKER_ACTOR, change);
        });
    }
}
