package dev.stagecraft.deployer.deployment;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Works off the environments' queues. Waking an environment runs its queued deployments one after the other
 * on the deployment executor (one drain per environment at a time, several environments in parallel); a
 * wake-up that arrives while a drain runs makes it look again before it ends. A periodic scan wakes
 * environments whose deployments nobody woke this worker for (another worker took the job, a restart) and
 * environments whose running deployment lost its worker (the lease ran out), to take it over.
 */
@Component
class DeploymentDispatcher {

    static final String EXECUTOR = "deploymentExecutor";

    private static final Logger log = LoggerFactory.getLogger(DeploymentDispatcher.class);

    private final DeploymentClaims claims;
    private final DeploymentRunner runner;
    private final DeploymentRepository deployments;
    private final ThreadPoolTaskExecutor executor;
    private final Clock clock;
    private volatile boolean stopping;
    private final Map<EnvironmentKey, AtomicLong> wakeUps = new ConcurrentHashMap<>();

    DeploymentDispatcher(
            DeploymentClaims claims,
            DeploymentRunner runner,
            DeploymentRepository deployments,
            @Qualifier(EXECUTOR) ThreadPoolTaskExecutor executor,
            Clock clock) {
        this.claims = claims;
        this.runner = runner;
        this.deployments = deployments;
        this.executor = executor;
        this.clock = clock;
    }

    /** Makes sure the queue of {@code key} is worked off soon. */
    void wake(EnvironmentKey key) {
        if (stopping) {
            return;
        }
        AtomicLong first = new AtomicLong(1);
        AtomicLong count = wakeUps.merge(key, first, (running, ignored) -> {
            running.incrementAndGet();
            return running;
        });
        if (count == first) {
            try {
                executor.execute(() -> drain(key));
            } catch (RejectedExecutionException e) {
                wakeUps.remove(key);
            }
        }
    }

    /**
     * Takes no new deployment and lets those under way finish (up to a minute), before the database
     * connections they need are closed.
     */
    @PreDestroy
    void stop() throws InterruptedException {
        stopping = true;
        executor.getThreadPoolExecutor().shutdown();
        if (!executor.getThreadPoolExecutor().awaitTermination(60, TimeUnit.SECONDS)) {
            log.warn("deployments still running at shutdown are cut short; they fail when the worker is back");
        }
    }

    @Scheduled(
            fixedDelayString = "${stagecraft.deployer.poll-interval:5s}",
            initialDelayString = "${stagecraft.deployer.poll-interval:5s}",
            timeUnit = TimeUnit.MILLISECONDS)
    void scan() {
        try {
            deployments.environmentsWithWork(clock.instant()).forEach(this::wake);
        } catch (RuntimeException e) {
            log.warn("cannot scan the deployment queues: {}", e.getMessage());
        }
    }

    private void drain(EnvironmentKey key) {
        boolean again = true;
        while (again) {
            long seen = wakeUps.get(key).get();
            drainOnce(key);
            again = wakeUps.compute(key, (k, count) -> count.get() == seen ? null : count) != null;
        }
    }

    private void drainOnce(EnvironmentKey key) {
        try {
            Claim claim;
            while (!stopping && !((claim = claims.claimNext(key)) instanceof Claim.Idle)) {
                switch (claim) {
                    case Claim.Started started -> runner.run(started);
                    case Claim.Abandoned abandoned -> runner.abandon(abandoned);
                    default -> {
                        // refused at once: it has failed already; look at the next one
                    }
                }
            }
        } catch (RuntimeException e) {
            log.error("cannot work off the queue of {}; retrying on the next scan", key, e);
        }
    }
}
