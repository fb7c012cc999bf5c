package dev.stagecraft.deployer.check;

import dev.stagecraft.deployer.environment.Environment;
import dev.stagecraft.deployer.environment.EnvironmentRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Gives up pending statuses that no deployment will end: an environment {@code *_PENDING} for longer than
 * {@code pending-timeout} (since its {@code updated_at}) while none of its deployments is RUNNING goes to FAILURE
 * (CLEANUP_FAILED for a cleanup), so that it can be deployed or archived again. One with a RUNNING deployment is
 * left alone, however long it takes: that deployment ends it, or its lease expires.
 */
@Component
class PendingTimeouts {

    private static final Logger log = LoggerFactory.getLogger(PendingTimeouts.class);

    private final EnvironmentRepository environments;
    private final CheckOutcomes outcomes;
    private final CheckProperties properties;
    private final Clock clock;
    private final Counter timedOut;

    PendingTimeouts(
            EnvironmentRepository environments,
            CheckOutcomes outcomes,
            CheckProperties properties,
            Clock clock,
            MeterRegistry meters) {
        this.environments = environments;
        this.outcomes = outcomes;
        this.properties = properties;
        this.clock = clock;
        this.timedOut = Counter.builder("stagecraft.deployer.pending.timeouts")
                .description("environments failed because they stayed pending with no deployment running")
                .register(meters);
    }

    /** Fails every environment pending for too long with no deployment running. */
    void sweep() {
        Instant before = clock.instant().minus(properties.pendingTimeout());
        for (Environment stale : environments.findPendingWithoutRunningDeployment(before, properties.batchSize())) {
            try {
                if (outcomes.timeOut(stale, before, properties.pendingTimeout())) {
                    timedOut.increment();
                }
            } catch (RuntimeException e) {
                log.warn("cannot fail {}/{}, pending for too long: {}", stale.app(), stale.name(), e.getMessage());
            }
        }
    }
}
