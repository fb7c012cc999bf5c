package dev.stagecraft.deployer.check;

import dev.stagecraft.contracts.job.DeploymentJob;
import dev.stagecraft.deployer.driver.CheckResult;
import dev.stagecraft.deployer.driver.Drivers;
import dev.stagecraft.deployer.driver.Spec;
import dev.stagecraft.deployer.driver.Target;
import dev.stagecraft.deployer.driver.Workload;
import dev.stagecraft.deployer.environment.Deployed;
import dev.stagecraft.deployer.environment.DueForCheck;
import dev.stagecraft.deployer.environment.Environment;
import dev.stagecraft.deployer.environment.EnvironmentRepository;
import dev.stagecraft.deployer.secret.Secrets;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Checks environments every {@code stagecraft.deployer.check.interval}, on a thread of its own (a slow driver
 * delays no other scheduled work). Each round first gives up stale pending statuses ({@link PendingTimeouts}),
 * then claims the environments due for a check in batches (each one by one worker per interval, however many
 * workers share the database), asks each one's driver for its state outside any transaction, and records the
 * result through {@link CheckOutcomes}. Counts checks by outcome in {@code stagecraft.deployer.checks}.
 */
@Component
class StatusChecks {

    private static final Logger log = LoggerFactory.getLogger(StatusChecks.class);

    private final EnvironmentRepository environments;
    private final Drivers drivers;
    private final Secrets secrets;
    private final CheckOutcomes outcomes;
    private final DriftRepository drifts;
    private final PendingTimeouts pendingTimeouts;
    private final CheckProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private @Nullable ThreadPoolTaskScheduler scheduler;
    private volatile boolean stopping;

    StatusChecks(
            EnvironmentRepository environments,
            Drivers drivers,
            Secrets secrets,
            CheckOutcomes outcomes,
            DriftRepository drifts,
            PendingTimeouts pendingTimeouts,
            CheckProperties properties,
            Clock clock,
            MeterRegistry meters) {
        this.environments = environments;
        this.drivers = drivers;
        this.secrets = secrets;
        this.outcomes = outcomes;
        this.drifts = drifts;
        this.pendingTimeouts = pendingTimeouts;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
    }

    /** Starts the rounds once the worker is ready (after recovery), the first one an interval later. */
    @EventListener(ApplicationReadyEvent.class)
    synchronized void start() {
        if (scheduler != null) {
            return;
        }
        ThreadPoolTaskScheduler rounds = new ThreadPoolTaskScheduler();
        rounds.setPoolSize(1);
        rounds.setThreadNamePrefix("status-check-");
        rounds.setClock(clock);
        rounds.setWaitForTasksToCompleteOnShutdown(true);
        rounds.setAwaitTerminationSeconds(10);
        rounds.initialize();
        rounds.scheduleWithFixedDelay(this::round, clock.instant().plus(properties.interval()), properties.interval());
        scheduler = rounds;
    }

    /** Ends the rounds (a round under way finishes, up to 10 s) before the database connections are closed. */
    @PreDestroy
    synchronized void stop() {
        stopping = true;
        if (scheduler != null) {
            scheduler.shutdown();
        }
    }

    void round() {
        try {
            pendingTimeouts.sweep();
        } catch (RuntimeException e) {
            log.warn("cannot look for environments pending for too long: {}", e.getMessage());
        }
        try {
            checkDue();
        } catch (RuntimeException e) {
            log.warn("cannot claim environments for their status checks: {}", e.getMessage());
        }
    }

    /**
     * Checks every environment due at the start of the round, a batch at a time. A claimed environment's next
     * check is an interval after its claim, so the same round never claims it twice.
     */
    private void checkDue() {
        Instant due = clock.instant();
        List<DueForCheck> batch;
        do {
            batch = environments.claimDueForCheck(
                    due, clock.instant().plus(properties.interval()), properties.batchSize());
            Map<String, Drift> reported = drifts.reportedAmong(
                    batch.stream().map(DueForCheck::environment).toList());
            batch.forEach(claimed -> check(claimed, reported));
        } while (batch.size() == properties.batchSize() && !stopping);
    }

    /**
     * Asks the driver, then records the result only if it means a change ({@link Verdict}) judged on the claimed
     * state: most checks find what was recorded and cost no transaction. A change is judged again and recorded under
     * the environment's lock by {@link CheckOutcomes}.
     */
    private void check(DueForCheck due, Map<String, Drift> reported) {
        if (stopping) {
            return;
        }
        Environment claimed = due.environment();
        String path = claimed.app() + "/" + claimed.name();
        Deployed deployed = Objects.requireNonNull(claimed.deployed());
        CheckResult result;
        try {
            result = drivers.get(deployed.job().driver()).check(workload(deployed));
        } catch (RuntimeException e) {
            count("error");
            log.warn("cannot check {}: {}", path, e.getMessage());
            return;
        }
        count(
                result.isHealthy()
                        ? "healthy"
                        : Objects.requireNonNull(result.failure()).name());
        Verdict verdict =
                Verdict.of(Objects.requireNonNull(claimed.status()), deployed.job(), result, reported.get(path));
        if (verdict.changesNothing()) {
            return;
        }
        try {
            if (!outcomes.apply(claimed, due.updatedAt(), result)) {
                log.debug("{} changed while it was checked; the result describes the past and is not recorded", path);
            }
        } catch (RuntimeException e) {
            log.warn("cannot record the check of {}: {}", path, e.getMessage());
        }
    }

    /** The recorded workload, as the driver that runs it knows it: its spec with the secrets opened. */
    private Workload workload(Deployed deployed) {
        DeploymentJob job = deployed.job();
        Target target = new Target(job.app(), job.environment());
        Spec spec = new Spec(
                target,
                job.version(),
                job.commit(),
                job.driver(),
                job.overrides(),
                secrets.open(target, job.secrets()),
                job.driverSettings());
        return new Workload(spec, deployed.pid(), deployed.started(), deployed.port(), deployed.location());
    }

    private void count(String outcome) {
        Counter.builder("stagecraft.deployer.checks")
                .description("status checks of environments through their drivers, by outcome")
                .tag("outcome", outcome.toLowerCase(Locale.ROOT))
                .register(meters)
                .increment();
    }
}
