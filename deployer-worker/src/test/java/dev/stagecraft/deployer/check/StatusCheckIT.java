package dev.stagecraft.deployer.check;

import static dev.stagecraft.contracts.FailureReason.GENERIC;
import static dev.stagecraft.contracts.FailureReason.VERSION_MISMATCH;
import static dev.stagecraft.deployer.WorkerTables.pid;
import static dev.stagecraft.deployer.WorkerTables.port;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stagecraft.contracts.MessageCodec;
import dev.stagecraft.contracts.Operation;
import dev.stagecraft.contracts.event.DeploymentFailed;
import dev.stagecraft.contracts.event.EnvironmentDriftDetected;
import dev.stagecraft.contracts.event.EnvironmentStatusChanged;
import dev.stagecraft.contracts.event.Event;
import dev.stagecraft.contracts.job.DeploymentJob;
import dev.stagecraft.deployer.EventRecorder;
import dev.stagecraft.deployer.JobFixtures;
import dev.stagecraft.deployer.TestApps;
import dev.stagecraft.deployer.deployment.DeploymentEvents;
import dev.stagecraft.deployer.environment.EnvironmentRepository;
import dev.stagecraft.testsupport.IsolatedEnvironment;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The periodic status checks through the worker's real entry point: test applications deployed by jobs published
 * on {@code stagecraft.jobs} as command-service publishes them, run as real processes by the {@code local} driver,
 * checked every 300 ms; events read from a queue of the test's own bound to {@code stagecraft.events}. The worker's
 * clock runs an hour behind the system's, so that what depends on time shows it follows the injected clock.
 */
@ExtendWith(StatusCheckIT.DropInfrastructureAfterContext.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({EventRecorder.class, StatusCheckIT.BehindClock.class})
@DirtiesContext
class StatusCheckIT {

    static final IsolatedEnvironment infra = IsolatedEnvironment.create("status-check");
    static final Path workDir = JobFixtures.temporaryDirectory("status-check-it-");
    static final Duration INTERVAL = Duration.ofMillis(300);

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        JobFixtures.worker(registry, infra);
        registry.add("stagecraft.deployer.local.work-dir", workDir::toString);
        registry.add("stagecraft.deployer.check.interval", () -> INTERVAL.toMillis() + "ms");
    }

    /** Drops the database after the context is closed, as DeployJobIT does, and stops the test applications. */
    static class DropInfrastructureAfterContext implements AfterAllCallback {

        @Override
        public void afterAll(ExtensionContext context) {
            TestApps.killAll();
            infra.close();
            org.springframework.util.FileSystemUtils.deleteRecursively(workDir.toFile());
        }
    }

    /** The worker's clock, an hour behind the system's. */
    @TestConfiguration(proxyBeanMethods = false)
    static class BehindClock {

        @Bean
        Clock behindClock() {
            return Clock.offset(Clock.systemUTC(), Duration.ofHours(-1));
        }
    }

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventRecorder events;

    @Autowired
    Clock clock;

    @Autowired
    EnvironmentRepository environments;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    MeterRegistry meters;

    @Test
    void aKilledApplicationTurnsItsEnvironmentToFailureAndItStaysThere() {
        deploy(localJob("killed", "1.0.0", Map.of()));
        long pid = pid(jdbc, "killed");

        TestApps.kill(pid);

        EnvironmentStatusChanged failed = awaitStatuses("killed", "CREATE_PENDING->RUNNING", "RUNNING->FAILURE")
                .getLast();
        assertThat(failed.failure()).isEqualTo(GENERIC);
        assertThat(failed.reason())
                .isEqualTo("a status check failed: process " + pid + " is gone; it becomes RUNNING again when a"
                        + " later check passes, or deploy again");
        assertThat(failed.version()).isEqualTo("1.0.0");
        assertThat(failed.actor()).isEqualTo(DeploymentEvents.workerActor());
        assertThat(failed.commandId()).isNull();
        assertThat(row("killed")).containsEntry("status", "FAILURE").containsEntry("failure_reason", "GENERIC");
        assertThat(checks("generic")).isPositive();

        awaitClaimsAfter("killed", failed.occurredAt(), 3);
        assertThat(statuses("killed")).containsExactly("CREATE_PENDING->RUNNING", "RUNNING->FAILURE");
    }

    @Test
    void anUnhealthyApplicationFailsItsEnvironmentAndItRunsAgainWhenALaterCheckPasses() {
        deploy(localJob("flaky", "1.0.0", Map.of()));
        int port = port(jdbc, "flaky");

        control(port, "fail-health");
        EnvironmentStatusChanged failed = awaitStatuses("flaky", "CREATE_PENDING->RUNNING", "RUNNING->FAILURE")
                .getLast();
        control(port, "heal");
        EnvironmentStatusChanged recovered = awaitStatuses(
                        "flaky", "CREATE_PENDING->RUNNING", "RUNNING->FAILURE", "FAILURE->RUNNING")
                .getLast();

        assertThat(failed.failure()).isEqualTo(GENERIC);
        assertThat(failed.reason())
                .isEqualTo("a status check failed: GET http://127.0.0.1:" + port + "/health: 503; it becomes"
                        + " RUNNING again when a later check passes, or deploy again");
        assertThat(recovered.reason()).isEqualTo("a later check passes: GET http://127.0.0.1:" + port + "/health: 200");
        assertThat(recovered.failure()).isNull();
        assertThat(recovered.version()).isEqualTo("1.0.0");
        assertThat(row("flaky")).containsEntry("status", "RUNNING").containsEntry("failure_reason", null);
        assertThat(events.of("shop", "flaky", Event.class))
                .extracting(Event::sequence)
                .isSorted()
                .doesNotHaveDuplicates();
    }

    @Test
    void aFailedUpdateRunsAgainWhenTheVersionStillRecordedPassesButAFailedCreateIsNotChecked() {
        deploy(localJob("updated", "1.0.0", Map.of()));
        deploy(localJob("updated", "2.0.0", Map.of("EXIT_EARLY", "true")));
        DeploymentJob create = deploy(localJob("never-ran", "1.0.0", Map.of("EXIT_EARLY", "true")));

        EnvironmentStatusChanged recovered = awaitStatuses(
                        "updated",
                        "CREATE_PENDING->RUNNING",
                        "RUNNING->UPDATE_PENDING",
                        "UPDATE_PENDING->FAILURE",
                        "FAILURE->RUNNING")
                .getLast();
        assertThat(recovered.version()).isEqualTo("1.0.0");
        assertThat(recovered.reason()).startsWith("a later check passes: GET http://127.0.0.1:");

        Instant failedCreate = events.of("shop", "never-ran", DeploymentFailed.class).stream()
                .filter(f -> f.deploymentId().equals(create.deploymentId()))
                .findFirst()
                .orElseThrow()
                .occurredAt();
        awaitClaimsAfter("updated", failedCreate, 3);
        assertThat(statuses("never-ran")).containsExactly("CREATE_PENDING->FAILURE");
        assertThat(jdbc.sql("SELECT next_check_at FROM environment WHERE app = 'shop' AND name = 'never-ran'")
                        .query(Timestamp.class)
                        .optional())
                .as("never claimed for a check: nothing was ever deployed there")
                .isEmpty();
    }

    @Test
    void aVersionMismatchIsAnnouncedAsDriftOncePerDistinctDrift() {
        DeploymentJob job = deploy(localJob("drifty", "1.0.0", Map.of()));
        int port = port(jdbc, "drifty");

        control(port, "report-version/9.9.9");
        EnvironmentDriftDetected drift = awaitDrifts("drifty", 1).getFirst();
        EnvironmentStatusChanged mismatch = awaitStatuses("drifty", "CREATE_PENDING->RUNNING", "RUNNING->FAILURE")
                .getLast();

        assertThat(drift.desiredVersion()).isEqualTo("1.0.0");
        assertThat(drift.actualVersion()).isEqualTo("9.9.9");
        assertThat(drift.detail())
                .isEqualTo("the workload reports version 9.9.9 but deployment " + job.deploymentId()
                        + " deployed 1.0.0 (GET http://127.0.0.1:" + port + "/health: 200); deploy 1.0.0 again, or"
                        + " find out what replaced it");
        assertThat(drift.actor()).isEqualTo(DeploymentEvents.workerActor());
        assertThat(mismatch.failure()).isEqualTo(VERSION_MISMATCH);
        assertThat(mismatch.reason())
                .isEqualTo("a status check found version 9.9.9 running where 1.0.0 was deployed: GET"
                        + " http://127.0.0.1:" + port + "/health: 200; deploy 1.0.0 again");

        awaitClaimsAfter("drifty", drift.occurredAt(), 3);
        assertThat(events.of("shop", "drifty", EnvironmentDriftDetected.class))
                .as("the same drift, found by every later check, is announced once")
                .hasSize(1);

        control(port, "report-version/9.9.10");
        assertThat(awaitDrifts("drifty", 2).getLast().actualVersion()).isEqualTo("9.9.10");

        control(port, "heal");
        awaitStatuses("drifty", "CREATE_PENDING->RUNNING", "RUNNING->FAILURE", "FAILURE->RUNNING");
        assertThat(reportedDrifts("drifty")).as("forgotten once it went away").isZero();

        control(port, "report-version/9.9.10");
        assertThat(awaitDrifts("drifty", 3).getLast().actualVersion())
                .as("back after it went away: announced again")
                .isEqualTo("9.9.10");
    }

    @Test
    void anEnvironmentPendingLongerThanTheTimeoutWithNoDeploymentRunningFails() {
        Instant now = clock.instant();
        transactions.executeWithoutResult(status -> {
            pending("stuck-update", "UPDATE_PENDING", now.minus(Duration.ofMinutes(11)));
            pending("stuck-cleanup", "CLEANUP_PENDING", now.minus(Duration.ofMinutes(11)));
            // 5 minutes old by the worker's clock; 65 by the system's
            pending("young", "UPDATE_PENDING", now.minus(Duration.ofMinutes(5)));
            pending("busy", "UPDATE_PENDING", now.minus(Duration.ofMinutes(11)));
            runningDeployment("busy");
        });

        EnvironmentStatusChanged update =
                awaitStatuses("stuck-update", "UPDATE_PENDING->FAILURE").getFirst();
        EnvironmentStatusChanged cleanup = awaitStatuses("stuck-cleanup", "CLEANUP_PENDING->CLEANUP_FAILED")
                .getFirst();

        assertThat(update.reason())
                .isEqualTo("it stayed UPDATE_PENDING for more than 10m with no deployment running (the worker that"
                        + " ran it may have stopped); it can be updated (deploy a version that works) or archived");
        assertThat(update.failure()).isEqualTo(GENERIC);
        assertThat(update.version()).isEqualTo("1.0.0");
        assertThat(update.actor()).isEqualTo(DeploymentEvents.workerActor());
        assertThat(cleanup.reason())
                .isEqualTo("it stayed CLEANUP_PENDING for more than 10m with no deployment running (the worker"
                        + " that ran it may have stopped); clean it up again");
        assertThat(row("stuck-update")).containsEntry("status", "FAILURE");
        assertThat(row("stuck-cleanup")).containsEntry("status", "CLEANUP_FAILED");
        // the round that failed the stuck ones looked at these two in the same query (inserted in one transaction)
        assertThat(row("young")).containsEntry("status", "UPDATE_PENDING");
        assertThat(row("busy")).containsEntry("status", "UPDATE_PENDING");
        assertThat(statuses("young")).isEmpty();
        assertThat(statuses("busy")).isEmpty();
        assertThat(meters.get("stagecraft.deployer.pending.timeouts").counter().count())
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void workersSharingTheDatabaseClaimEachEnvironmentOncePerInterval() throws Exception {
        // due only for "workers" whose clock is two days ahead: the worker of this context never claims it
        Instant due = clock.instant().plus(Duration.ofDays(2));
        jdbc.sql("INSERT INTO environment (app, name, status, actual_version, driver, desired_spec, next_check_at)"
                        + " VALUES ('shop', 'shared', 'RUNNING', '1.0.0', 'noop', ?::jsonb, ?)")
                .params(
                        MessageCodec.instance().encodeToString(noopJob("shared")),
                        Timestamp.from(due.minus(Duration.ofDays(1))))
                .update();
        // threads of the test's own: the common pool may have a single thread on a small machine
        ExecutorService workers = Executors.newFixedThreadPool(3);
        try {
            var first = CompletableFuture.supplyAsync(() -> claim(due), workers);
            var second = CompletableFuture.supplyAsync(() -> claim(due), workers);
            List<String> both = new ArrayList<>(first.get(30, TimeUnit.SECONDS));
            both.addAll(second.get(30, TimeUnit.SECONDS));
            assertThat(both).as("two workers at once").containsOnlyOnce("shared");
            assertThat(claim(due)).as("later in the same interval").doesNotContain("shared");

            Instant next = due.plus(INTERVAL);
            CountDownLatch locked = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            var holder = CompletableFuture.runAsync(
                    () -> transactions.executeWithoutResult(status -> {
                        environments.lock("shop", "shared"); // as a deployment being claimed holds it
                        locked.countDown();
                        awaitLatch(release);
                    }),
                    workers);
            assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(CompletableFuture.supplyAsync(() -> claim(next), workers).get(30, TimeUnit.SECONDS))
                    .as("a row another transaction holds is skipped, not waited for")
                    .doesNotContain("shared");
            release.countDown();
            holder.get(30, TimeUnit.SECONDS);
            assertThat(claim(next)).as("the next interval").contains("shared");
        } finally {
            workers.shutdownNow();
            // every other environment was claimed two days ahead as well: make them due again for the other tests
            jdbc.sql("UPDATE environment SET next_check_at = NULL WHERE name <> 'shared'")
                    .update();
        }
    }

    private List<String> claim(Instant now) {
        return environments.claimDueForCheck(now, now.plus(INTERVAL), 100).stream()
                .map(due -> due.environment().name())
                .toList();
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pending(String name, String status, Instant updatedAt) {
        jdbc.sql("INSERT INTO environment (app, name, status, status_reason, actual_version, updated_at)"
                        + " VALUES ('shop', ?, ?, 'deploy 1.0.0 by alice', '1.0.0', ?)")
                .params(name, status, Timestamp.from(updatedAt))
                .update();
    }

    private void runningDeployment(String environment) {
        DeploymentJob job = noopJob(environment);
        jdbc.sql(
                        "INSERT INTO deployment (id, app, environment, operation, status, to_version, actor, command_id,"
                                + " job, requested_at, queued_at, started_at, worker_id)"
                                + " VALUES (?, 'shop', ?, 'DEPLOY', 'RUNNING', '1.0.0', 'alice', ?, ?::jsonb, ?, ?, ?, 'other')")
                .params(
                        job.deploymentId().id(),
                        environment,
                        job.commandId().id(),
                        MessageCodec.instance().encodeToString(job),
                        Timestamp.from(clock.instant()),
                        Timestamp.from(clock.instant()),
                        Timestamp.from(clock.instant()))
                .update();
    }

    /** Waits until the environment's status changes are {@code expected} (as {@code FROM->TO}); returns them. */
    private List<EnvironmentStatusChanged> awaitStatuses(String environment, String... expected) {
        await().atMost(Duration.ofSeconds(60)).until(() -> statuses(environment).size() >= expected.length);
        assertThat(statuses(environment)).containsExactly(expected);
        return events.of("shop", environment, EnvironmentStatusChanged.class);
    }

    private List<String> statuses(String environment) {
        return events.of("shop", environment, EnvironmentStatusChanged.class).stream()
                .map(e -> e.from() + "->" + e.to())
                .toList();
    }

    private List<EnvironmentDriftDetected> awaitDrifts(String environment, int count) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> events.of("shop", environment, EnvironmentDriftDetected.class)
                                .size()
                        >= count);
        List<EnvironmentDriftDetected> drifts = events.of("shop", environment, EnvironmentDriftDetected.class);
        assertThat(drifts).hasSize(count);
        return drifts;
    }

    /**
     * Waits until the environment was claimed for a check {@code claims} times after {@code after}: a claim at
     * {@code c} sets its next check to {@code c + interval}, and this worker claims again only when its check of
     * the claim before ended, so at least {@code claims - 1} checks after {@code after} ended.
     */
    private void awaitClaimsAfter(String environment, Instant after, int claims) {
        Set<Instant> seen = new HashSet<>();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    Instant next = nextCheckAt(environment);
                    if (next != null && next.isAfter(after.plus(INTERVAL))) {
                        seen.add(next);
                    }
                    return seen.size() >= claims;
                });
    }

    private @Nullable Instant nextCheckAt(String environment) {
        return jdbc
                .sql("SELECT next_check_at FROM environment WHERE app = 'shop' AND name = ?")
                .params(environment)
                .query((row, n) -> {
                    Timestamp next = row.getTimestamp("next_check_at");
                    return next == null ? null : next.toInstant();
                })
                .list()
                .stream()
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
    }

    private int reportedDrifts(String environment) {
        return jdbc.sql("SELECT count(*) FROM reported_drift WHERE app = 'shop' AND environment = ?")
                .params(environment)
                .query(Integer.class)
                .single();
    }

    private double checks(String outcome) {
        return meters.get("stagecraft.deployer.checks")
                .tag("outcome", outcome)
                .counter()
                .count();
    }

    private static void control(int port, String command) {
        assertThat(TestApps.get(port, "/control/" + command)).isEqualTo("ok");
    }

    private Map<String, Object> row(String environment) {
        return jdbc.sql("SELECT status, failure_reason FROM environment WHERE app = 'shop' AND name = ?")
                .params(environment)
                .query()
                .singleRow();
    }

    /** Publishes the job as command-service does and waits until its deployment ended. */
    private DeploymentJob deploy(DeploymentJob job) {
        JobFixtures.publish(rabbit, job);
        await().atMost(Duration.ofSeconds(90)).until(() -> events.ended(job));
        return job;
    }

    private DeploymentJob localJob(String environment, String version, Map<String, String> overrides) {
        return JobFixtures.requestedAt(
                JobFixtures.localJob(environment, version, overrides, Map.of(), Map.of("readyTimeout", "60s")),
                clock.instant());
    }

    private DeploymentJob noopJob(String environment) {
        return JobFixtures.requestedAt(
                JobFixtures.noopJob(environment, Operation.DEPLOY, "1.0.0", Map.of()), clock.instant());
    }
}
