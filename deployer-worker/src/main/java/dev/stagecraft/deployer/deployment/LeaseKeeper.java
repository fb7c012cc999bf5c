package dev.stagecraft.deployer.deployment;

import java.time.Clock;
import java.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Renews the leases of the deployments this worker runs, every third of the lease: while the worker lives,
 * nobody takes its deployments over; once it dies, its leases run out and another worker does.
 */
@Component
class LeaseKeeper {

    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

    private final DeploymentRepository deployments;
    private final DeployerProperties properties;
    private final TaskScheduler scheduler;
    private final Clock clock;
    private @Nullable ScheduledFuture<?> renewal;

    LeaseKeeper(DeploymentRepository deployments, DeployerProperties properties, TaskScheduler scheduler, Clock clock) {
        this.deployments = deployments;
        this.properties = properties;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        renewal =
                scheduler.scheduleWithFixedDelay(this::renew, properties.lease().dividedBy(3));
    }

    @EventListener(ContextClosedEvent.class)
    void stop() {
        if (renewal != null) {
            renewal.cancel(false);
        }
    }

    void renew() {
        try {
            int held = deployments.renewLeases(
                    properties.workerId(), clock.instant().plus(properties.lease()));
            log.trace("renewed the leases of {} deployments", held);
        } catch (RuntimeException e) {
            log.warn("cannot renew the leases of this worker's deployments: {}", e.getMessage());
        }
    }
}
