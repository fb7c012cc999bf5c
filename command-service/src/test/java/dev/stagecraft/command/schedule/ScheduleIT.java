package dev.stagecraft.command.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.stagecraft.command.MutableClock;
import dev.stagecraft.command.ServiceITSupport;
import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.EnvironmentStatus;
import dev.stagecraft.contracts.EventId;
import dev.stagecraft.contracts.Operation;
import dev.stagecraft.contracts.event.CommandAccepted;
import dev.stagecraft.contracts.event.CommandRejected;
import dev.stagecraft.contracts.event.DeploymentCancelled;
import dev.stagecraft.contracts.event.EnvironmentScheduleChanged;
import dev.stagecraft.contracts.event.EnvironmentStatusChanged;
import dev.stagecraft.contracts.job.DeploymentJob;
import dev.stagecraft.testsupport.IsolatedEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * TTL and retention through the real entry points, on a clock the test moves: an environment created over
 * REST with a ttl is archived by {@code system:ttl} once the clock passes its deadline, cleaned up by
 * {@code system:retention} once its retention (the default 14 days) after the worker's ARCHIVED report ends,
 * unless restored before; every change of its schedule is announced by {@code environment.schedule-changed}.
 */
class ScheduleIT extends ServiceITSupport {

    static final IsolatedEnvironment infra = IsolatedEnvironment.create("schedule");
    static final Duration HOUR = Duration.ofHours(1);
    static final Duration RETENTION = Duration.ofDays(14);

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        infra.register(registry);
        registry.add("stagecraft.schedule.interval", () -> "100ms");
        // Spring Modulith's registry (auto-promotions due) reads the same (test) clock: a jump of the clock must
        // not make in-flight publications look old enough to be resubmitted.
        registry.add("stagecraft.messaging.resubmit-older-than", () -> "3650d");
    }

    @AfterAll
    static void drop() {
        infra.close();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {

        @Bean
        MutableClock testClock() {
            return MutableClock.atCurrentSecond();
        }
    }

    @Autowired
    MutableClock clock;

    @Autowired
    ScheduleRunner runner;

    @Autowired
    Schedules schedules;

    @Test
    void anExpiredEnvironmentIsArchivedAndCleanedUpWhenItsRetentionEnds() {
        String app = registeredOverAmqp();
        Instant created = clock.instant();
        CommandId create = createdWithTtl(app, "review-1");
        publishStatus(app, "review-1", create, 1, EnvironmentStatus.RUNNING, "deployer-worker");
        await().until(() -> status(app, "review-1").equals("RUNNING"));

        clock.moveTo(created.plus(HOUR).minusSeconds(1));
        runner.runOnce();
        assertThat(commands(app, "review-1", "environment.archive")).isZero();

        clock.moveTo(created.plus(HOUR));
        DeploymentJob archive = awaitJob(app, Operation.ARCHIVE, 1);
        assertThat(archive.actor()).isEqualTo("system:ttl");
        assertAcceptedOnSchedule(archive, "environment.archive", "system:ttl");

        Instant archivedAt = clock.advance(Duration.ofMinutes(3));
        reportArchived(app, "review-1", archive.commandId(), 2, archivedAt);
        await().until(() -> schedulesOf(app, "review-1").size() == 3);

        clock.moveTo(archivedAt.plus(RETENTION).minusSeconds(1));
        runner.runOnce();
        assertThat(commands(app, "review-1", "environment.cleanup")).isZero();

        clock.moveTo(archivedAt.plus(RETENTION));
        DeploymentJob cleanup = awaitJob(app, Operation.CLEANUP, 1);
        assertThat(cleanup.actor()).isEqualTo("system:retention");
        assertAcceptedOnSchedule(cleanup, "environment.cleanup", "system:retention");

        await().until(() -> schedulesOf(app, "review-1").size() == 4);
        assertThat(schedulesOf(app, "review-1"))
                .extracting(
                        EnvironmentScheduleChanged::expiresAt,
                        EnvironmentScheduleChanged::cleanupAt,
                        EnvironmentScheduleChanged::actor,
                        EnvironmentScheduleChanged::commandId)
                .containsExactly(
                        tuple(created.plus(HOUR), null, "alice", create),
                        tuple(null, null, "system:ttl", archive.commandId()),
                        tuple(null, archivedAt.plus(RETENTION), "system:retention", archive.commandId()),
                        tuple(null, null, "system:retention", cleanup.commandId()));
    }

    @Test
    void aRestoreBeforeTheRetentionEndsCancelsTheCleanupAndReArmsTheTtl() {
        String app = registeredOverAmqp();
        Instant created = clock.instant();
        createdWithTtl(app, "review-2");
        clock.moveTo(created.plus(HOUR));
        DeploymentJob archive = awaitJob(app, Operation.ARCHIVE, 1);
        Instant archivedAt = clock.advance(Duration.ofMinutes(1));
        reportArchived(app, "review-2", archive.commandId(), 1, archivedAt);
        await().until(() -> schedulesOf(app, "review-2").size() == 3);

        Instant restoredAt = clock.advance(Duration.ofDays(1));
        Answer restored = post("/api/v1/applications/" + app + "/environments/review-2/restore", null);
        assertThat(restored.status()).isEqualTo(202);
        CommandId restore = CommandId.parse(restored.json().get("commandId").stringValue());
        await().until(() -> schedulesOf(app, "review-2").size() == 4);
        EnvironmentScheduleChanged afterRestore = schedulesOf(app, "review-2").get(3);
        assertThat(afterRestore.commandId()).isEqualTo(restore);
        assertThat(afterRestore.cleanupAt()).isNull();
        assertThat(afterRestore.expiresAt()).isEqualTo(restoredAt.plus(HOUR));

        clock.moveTo(archivedAt.plus(RETENTION).plusSeconds(1));
        runner.runOnce();
        assertThat(commands(app, "review-2", "environment.cleanup")).isZero();
        assertThat(awaitJob(app, Operation.ARCHIVE, 2).actor()).isEqualTo("system:ttl");
        assertThat(jobsFor(app, Operation.CLEANUP)).isEmpty();
    }

    @Test
    void aLockedEnvironmentOutlivesItsTtlAndIsArchivedOnceUnlocked() {
        String app = registeredOverAmqp();
        Instant created = clock.instant();
        createdWithTtl(app, "review-9");
        String lock = "/api/v1/applications/" + app + "/environments/review-9/lock";
        assertThat(put(lock, """
                        {"reason":"demo on Friday"}""", actor("alice")).status()).isEqualTo(202);

        clock.moveTo(created.plus(HOUR).plusSeconds(30));
        runner.runOnce();
        assertThat(commands(app, "review-9", "environment.archive")).isZero();
        assertThat(jobsFor(app, Operation.ARCHIVE)).isEmpty();

        assertThat(delete(lock, actor("alice")).status()).isEqualTo(202);
        assertThat(awaitJob(app, Operation.ARCHIVE, 1).actor()).isEqualTo("system:ttl");
    }

    @Test
    void anArchivedStageOfThePipelineIsNotCleanedUpByItself() {
        String app = registeredOverAmqp();
        Instant created = clock.instant();
        createdWithTtl(app, "qa");
        clock.moveTo(created.plus(HOUR));
        DeploymentJob archive = awaitJob(app, Operation.ARCHIVE, 1);

        reportArchived(app, "qa", archive.commandId(), 1, clock.instant());
        await().until(() -> "ARCHIVED".equals(reportedStatus(app, "qa")));
        assertThat(status(app, "qa")).isEqualTo("ARCHIVED");
        assertThat(schedules.find(app, "qa")).contains(Schedule.NONE);
    }

    @Test
    void aTtlThatPassesWithNothingLeftToArchiveIsClearedNotRetried() {
        String app = registeredOverAmqp();
        Instant created = clock.instant();
        CommandId create = createdWithTtl(app, "review-4");
        DeploymentJob deploy = awaitJob(app, Operation.DEPLOY, 1);
        publishWorkerEvent(new DeploymentCancelled(
                EventId.random(),
                clock.instant(),
                create,
                "bob",
                app,
                "review-4",
                1,
                deploy.deploymentId(),
                "1.0.0",
                "cancelled by bob before it started",
                null,
                0));
        await().until(() -> status(app, "review-4").equals("CLEANED"));

        clock.moveTo(created.plus(HOUR));
        await().until(() -> schedulesOf(app, "review-4").size() == 2);
        EnvironmentScheduleChanged cleared = schedulesOf(app, "review-4").get(1);
        assertThat(cleared.expiresAt()).isNull();
        assertThat(cleared.actor()).isEqualTo("system:ttl");
        assertThat(cleared.commandId()).isNull();
        assertThat(schedules.find(app, "review-4")).contains(Schedule.NONE);
        runner.runOnce();
        assertThat(commands(app, "review-4", "environment.archive")).isZero();
        assertThat(events.of(CommandRejected.class))
                .filteredOn(e -> app.equals(e.app()))
                .isEmpty();
    }

    @Test
    void twoSchedulerRunsAtTheSameMomentArchiveOnce() throws Exception {
        String app = registeredOverAmqp();
        Instant created = clock.instant();
        createdWithTtl(app, "review-3");
        // Both runs found the environment due; the clock itself stays before the deadline, so the periodic
        // run does not take part.
        Due due = schedules.expiredBy(created.plus(HOUR), 1000).stream()
                .filter(d -> d.app().equals(app))
                .findFirst()
                .orElseThrow();

        CyclicBarrier bothFound = new CyclicBarrier(2);
        Runnable run = () -> {
            arrive(bothFound);
            runner.expire(due);
        };
        try (ExecutorService replicas = Executors.newFixedThreadPool(2)) {
            CompletableFuture.allOf(
                            CompletableFuture.runAsync(run, replicas), CompletableFuture.runAsync(run, replicas))
                    .get(30, TimeUnit.SECONDS);
        }

        assertThat(jdbc.sql("SELECT count(*) FROM deployments WHERE app = ? AND operation = 'ARCHIVE'")
                        .param(app)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT status FROM commands WHERE app = ? AND type = 'environment.archive'")
                        .param(app)
                        .query(String.class)
                        .list())
                .containsExactly("ACCEPTED");
        await().until(() -> jdbc.sql("SELECT count(*) FROM outbox_message")
                        .query(Integer.class)
                        .single()
                == 0);
        assertThat(jobsFor(app, Operation.ARCHIVE)).hasSize(1);
        assertThat(events.of(CommandAccepted.class))
                .filteredOn(e -> app.equals(e.app()) && "environment.archive".equals(e.commandType()))
                .hasSize(1);
        assertThat(events.of(CommandRejected.class))
                .filteredOn(e -> app.equals(e.app()))
                .isEmpty();
        assertThat(schedulesOf(app, "review-3"))
                .extracting(EnvironmentScheduleChanged::expiresAt)
                .containsExactly(created.plus(HOUR), null);
    }

    private CommandId createdWithTtl(String app, String env) {
        Answer created = post(
                "/api/v1/applications/" + app + "/environments", """
                {"name":"%s","version":"1.0.0","ttl":"PT1H"}""".formatted(env), as(tokenFor("alice", "deployer")));
        assertThat(created.status()).isEqualTo(202);
        CommandId id = CommandId.parse(created.json().get("commandId").stringValue());
        await().until(() -> !schedulesOf(app, env).isEmpty());
        EnvironmentScheduleChanged armed = schedulesOf(app, env).getFirst();
        assertThat(armed.commandId()).isEqualTo(id);
        assertThat(armed.expiresAt()).isEqualTo(clock.instant().plus(HOUR));
        assertThat(armed.cleanupAt()).isNull();
        return id;
    }

    /** The worker's report that the archive job finished, at {@code at} by the worker's (the test's) clock. */
    private void reportArchived(String app, String env, CommandId archive, long sequence, Instant at) {
        publishWorkerEvent(new EnvironmentStatusChanged(
                EventId.random(),
                at,
                archive,
                "deployer-worker",
                app,
                env,
                sequence,
                EnvironmentStatus.ARCHIVE_PENDING,
                EnvironmentStatus.ARCHIVED,
                "1.0.0",
                null,
                null));
    }

    private void assertAcceptedOnSchedule(DeploymentJob job, String commandType, String actor) {
        await().until(() -> accepted(job.commandId()) != null);
        CommandAccepted accepted = accepted(job.commandId());
        assertThat(accepted.commandType()).isEqualTo(commandType);
        assertThat(accepted.channel()).isEqualTo("schedule");
        assertThat(accepted.actor()).isEqualTo(actor);
        assertThat(accepted.deploymentId()).isEqualTo(job.deploymentId());
    }

    private CommandAccepted accepted(CommandId commandId) {
        return events.of(CommandAccepted.class).stream()
                .filter(e -> commandId.equals(e.commandId()))
                .findFirst()
                .orElse(null);
    }

    private DeploymentJob awaitJob(String app, Operation operation, int count) {
        await().until(() -> jobsFor(app, operation).size() >= count);
        return jobsFor(app, operation).get(count - 1);
    }

    private List<DeploymentJob> jobsFor(String app, Operation operation) {
        return jobs.of(DeploymentJob.class).stream()
                .filter(job -> job.app().equals(app) && job.operation() == operation)
                .toList();
    }

    private List<EnvironmentScheduleChanged> schedulesOf(String app, String env) {
        return events.of(EnvironmentScheduleChanged.class).stream()
                .filter(e -> app.equals(e.app()) && env.equals(e.environment()))
                .sorted(Comparator.comparingLong(EnvironmentScheduleChanged::sequence))
                .toList();
    }

    private int commands(String app, String env, String type) {
        return jdbc.sql("SELECT count(*) FROM commands WHERE app = ? AND environment = ? AND type = ?")
                .params(app, env, type)
                .query(Integer.class)
                .single();
    }

    private String status(String app, String env) {
        return column("status", app, env);
    }

    private String reportedStatus(String app, String env) {
        return column("reported_status", app, env);
    }

    private String column(String column, String app, String env) {
        return jdbc.sql("SELECT coalesce(" + column + ", '') FROM environments WHERE app = ? AND name = ?")
                .params(app, env)
                .query(String.class)
                .optional()
                .orElse("");
    }

    private static void arrive(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the other run did not start", e);
        }
    }
}
