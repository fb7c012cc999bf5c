package dev.stagecraft.deployer.deployment;

import static dev.stagecraft.deployer.JobFixtures.noopJob;
import static dev.stagecraft.deployer.JobFixtures.sequenced;
import static dev.stagecraft.deployer.TestApps.alive;
import static dev.stagecraft.deployer.TestApps.get;
import static dev.stagecraft.deployer.WorkerTables.pid;
import static dev.stagecraft.deployer.WorkerTables.port;
import static dev.stagecraft.deployer.WorkerTables.stepLog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.EnvironmentStatus;
import dev.stagecraft.contracts.MessageCodec;
import dev.stagecraft.contracts.MessageTypes;
import dev.stagecraft.contracts.Operation;
import dev.stagecraft.contracts.SecretBox;
import dev.stagecraft.contracts.StepStatus;
import dev.stagecraft.contracts.event.DeploymentCancelled;
import dev.stagecraft.contracts.event.DeploymentEvent;
import dev.stagecraft.contracts.event.DeploymentFailed;
import dev.stagecraft.contracts.event.DeploymentQueued;
import dev.stagecraft.contracts.event.DeploymentStarted;
import dev.stagecraft.contracts.event.DeploymentStepChanged;
import dev.stagecraft.contracts.event.DeploymentSucceeded;
import dev.stagecraft.contracts.event.DeploymentSuperseded;
import dev.stagecraft.contracts.event.EnvironmentLink;
import dev.stagecraft.contracts.event.EnvironmentStatusChanged;
import dev.stagecraft.contracts.event.Event;
import dev.stagecraft.contracts.job.CancelJob;
import dev.stagecraft.contracts.job.DeploymentJob;
import dev.stagecraft.deployer.EventRecorder;
import dev.stagecraft.deployer.JobFixtures;
import dev.stagecraft.deployer.TestApps;
import dev.stagecraft.deployer.driver.Target;
import dev.stagecraft.deployer.secret.DevelopmentKey;
import dev.stagecraft.testsupport.IsolatedEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The worker end to end on a real broker and database: jobs published as command-service publishes them,
 * events observed on a queue of the test's own bound to {@code stagecraft.events}.
 */
@ExtendWith(DeployJobIT.DropInfrastructureAfterContext.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({EventRecorder.class, CrashingLocalDriver.Config.class})
@DirtiesContext
class DeployJobIT {

    static final IsolatedEnvironment infra = IsolatedEnvironment.create("deployer");
    static final Path workDir = JobFixtures.temporaryDirectory("deployer-it-");
    static final SecretBox box = new SecretBox(DevelopmentKey.DEVELOPMENT_KEY);

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        JobFixtures.worker(registry, infra);
        registry.add("stagecraft.deployer.local.work-dir", workDir::toString);
        registry.add("stagecraft.deployer.check.interval", () -> "1h");
    }

    /**
     * Drops the database after the context is closed ({@link DirtiesContext}); dropped before, the context's
     * shutdown (the outbox relay flushes what is left) would wait 30 s for a connection. Registered before the
     * SpringExtension, so its {@code afterAll} runs after Spring's.
     */
    static class DropInfrastructureAfterContext implements AfterAllCallback {

        @Override
        public void afterAll(ExtensionContext context) {
            TestApps.killAll();
            infra.close();
            org.springframework.util.FileSystemUtils.deleteRecursively(workDir.toFile());
        }
    }

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventRecorder events;

    @Autowired
    DeploymentRecovery recovery;

    @Autowired
    DeployerProperties properties;

    @Autowired
    CrashingLocalDriver crashingDriver;

    @Test
    void createsThenUpdatesAnnouncingEveryStepInSequence() {
        DeploymentJob create = localJob("review-1", "1.0.0", "hello");
        publish(create, UUID.randomUUID().toString());
        awaitEnd(create);

        assertThat(events.types(create))
                .containsExactly(
                        "deployment.queued",
                        "deployment.started",
                        "deployment.step-changed",
                        "deployment.step-changed",
                        "deployment.step-changed",
                        "deployment.step-changed",
                        "deployment.step-changed",
                        "environment.status-changed",
                        "deployment.succeeded");
        assertThat(events.of("shop", "review-1"))
                .extracting(Event::sequence)
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(events.of("shop", "review-1", DeploymentStarted.class)
                        .getFirst()
                        .plan())
                .containsExactly("apply", "wait-ready", "switch");
        assertThat(events.of("shop", "review-1", DeploymentStepChanged.class))
                .extracting(e -> e.step() + ":" + e.status() + ":" + e.progress())
                .containsExactly(
                        "apply:RUNNING:0",
                        "apply:DONE:33",
                        "wait-ready:RUNNING:33",
                        "wait-ready:DONE:66",
                        "switch:SKIPPED:100");
        EnvironmentStatusChanged created =
                events.of("shop", "review-1", EnvironmentStatusChanged.class).getFirst();
        assertThat(created.from()).isEqualTo(EnvironmentStatus.CREATE_PENDING);
        assertThat(created.to()).isEqualTo(EnvironmentStatus.RUNNING);
        assertThat(created.version()).isEqualTo("1.0.0");
        long v1 = pid(jdbc, "review-1");
        assertThat(get(port(jdbc, "review-1"), "/")).isEqualTo("hello");
        assertThat(events.of(create, DeploymentSucceeded.class).getFirst().links())
                .extracting(EnvironmentLink::name)
                .containsExactly("application", "health");
        assertThat(events.of(create, DeploymentSucceeded.class).getFirst().links())
                .first()
                .isEqualTo(new EnvironmentLink("application", "http://127.0.0.1:" + port(jdbc, "review-1") + "/"));
        assertThat(get(port(jdbc, "review-1"), "/env/DB_PASSWORD")).isEqualTo("s3cret");
        assertThat(jdbc.sql("SELECT count(*) FROM step_log WHERE deployment_id = ? AND step = 'wait-ready'")
                        .params(create.deploymentId().id())
                        .query(Integer.class)
                        .single())
                .isPositive();

        DeploymentJob update = localJob("review-1", "2.0.0", "hi");
        publish(update, UUID.randomUUID().toString());
        awaitEnd(update);

        assertThat(events.of("shop", "review-1", DeploymentQueued.class)
                        .getLast()
                        .fromVersion())
                .isEqualTo("1.0.0");
        assertThat(events.of("shop", "review-1", EnvironmentStatusChanged.class))
                .extracting(e -> e.from() + "->" + e.to() + "@" + e.version())
                .containsExactly(
                        "CREATE_PENDING->RUNNING@1.0.0",
                        "RUNNING->UPDATE_PENDING@1.0.0",
                        "UPDATE_PENDING->RUNNING@2.0.0");
        assertThat(events.of("shop", "review-1"))
                .extracting(Event::sequence)
                .isSorted()
                .doesNotHaveDuplicates();
        assertThat(alive(v1)).isFalse();
        assertThat(get(port(jdbc, "review-1"), "/")).isEqualTo("hi");
        assertThat(row("review-1")).containsEntry("status", "RUNNING").containsEntry("actual_version", "2.0.0");

        long v2 = pid(jdbc, "review-1");
        TestApps.kill(v2);
        recovery.recover();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> events.of("shop", "review-1", EnvironmentStatusChanged.class)
                                .size()
                        == 4);
        EnvironmentStatusChanged lost =
                events.of("shop", "review-1", EnvironmentStatusChanged.class).getLast();
        assertThat(lost.from() + "->" + lost.to()).isEqualTo("RUNNING->FAILURE");
        assertThat(lost.reason()).isEqualTo("check after a restart of deployer-worker: process " + v2 + " is gone");
        assertThat(lost.actor()).isEqualTo("deployer-worker");
    }

    @Test
    void aVersionLeftStartingByAWorkerThatDiedIsStoppedWhenItRestartsAndTheOldVersionKeepsRunning() throws Exception {
        run(localJob("died", "1.0.0", "hello"));
        long v1 = pid(jdbc, "died");
        DeploymentJob update =
                localJob("died", "2.0.0", Map.of("STARTUP_DELAY_MS", "60000"), Map.of("dieWhileWaiting", "true"));
        publish(update, UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(60))
                .dontCatchUncaughtExceptions() // the WorkerDied that ends the deployment thread
                .until(() -> crashingDriver.diedDeploying(new Target("shop", "died")));
        long candidate = Long.parseLong(
                properties(workDir.resolve("shop/died/.stagecraft/candidate")).getProperty("pid"));
        List<ProcessHandle> candidateTree = tree(candidate);
        assertThat(alive(candidate)).as("the new version outlived its worker").isTrue();

        recovery.recover();

        assertThat(candidateTree)
                .allSatisfy(process -> assertThat(process.isAlive())
                        .as("pid %d", process.pid())
                        .isFalse());
        assertThat(alive(v1)).isTrue();
        assertThat(get(port(jdbc, "died"), "/health")).contains("\"1.0.0\"");
        assertThat(row("died")).containsEntry("status", "FAILURE").containsEntry("actual_version", "1.0.0");
        awaitEnd(update);
        assertThat(events.failed(update).error()).endsWith("stopped while this deployment ran; deploy again");
    }

    @Test
    void secretValuesTheApplicationPrintsOrAnswersReachNoEventAndStayInTheStepLog() {
        DeploymentJob create = run(localJob("leaky", "1.0.0", Map.of("LEAK", "DB_PASSWORD"), Map.of()));
        DeploymentJob update = run(localJob(
                "leaky",
                "2.0.0",
                Map.of("LEAK", "DB_PASSWORD", "FAIL_HEALTH", "true"),
                Map.of("readyTimeout", "3s", "healthPath", "/health?token=s3cret")));

        assertThat(events.failed(update).error())
                .startsWith("version 2.0.0 did not become healthy within 3s; last probe: GET http://127.0.0.1:")
                .contains("/health?token=******: 503");
        assertThat(events.of("shop", "leaky"))
                .isNotEmpty()
                .allSatisfy(event -> assertThat(MessageCodec.instance().encodeToString(event))
                        .doesNotContain("s3cret"));
        assertThat(stepLog(jdbc, create)).contains("connecting with DB_PASSWORD=s3cret", "\"DB_PASSWORD\":\"s3cret\"");
        assertThat(stepLog(jdbc, update)).contains("connecting with DB_PASSWORD=s3cret", "\"DB_PASSWORD\":\"s3cret\"");
    }

    @Test
    void aDuplicateDeliveryAndARepeatedDeploymentIdHaveOneEffect() {
        DeploymentJob job = noopJob("dup", Operation.DEPLOY, "1.0.0", Map.of());
        String messageId = UUID.randomUUID().toString();
        String otherMessageId = UUID.randomUUID().toString();
        publish(job, messageId);
        publish(job, messageId);
        publish(job, otherMessageId);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.sql("SELECT count(*) FROM inbox_message WHERE message_id = ?")
                                .params(otherMessageId)
                                .query(Integer.class)
                                .single()
                        == 1);
        awaitEnd(job);

        assertThat(jdbc.sql("SELECT count(*) FROM deployment WHERE app = 'shop' AND environment = 'dup'")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        assertThat(events.of("shop", "dup", DeploymentQueued.class)).hasSize(1);
        assertThat(events.of("shop", "dup"))
                .extracting(Event::sequence)
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    }

    @Test
    void anInvalidJobIsDeadLettered() {
        String messageId = UUID.randomUUID().toString();
        rabbit.send(
                "stagecraft.jobs",
                "job.deploy",
                JobFixtures.message(
                        "{\"deploymentId\":\"not-a-uuid\"}", "job.deployment", messageId, CommandId.random()));

        Message dead = rabbit.receive("stagecraft.jobs.deployer-worker.dlq", 20_000);

        assertThat(dead).isNotNull();
        assertThat(dead.getMessageProperties().getMessageId()).isEqualTo(messageId);
    }

    @Test
    void deploymentsOfAnEnvironmentRunOneAfterTheOtherAndAQueuedOneCanBeCancelled() {
        DeploymentJob slow = noopJob("queue", Operation.DEPLOY, "1.0.0", Map.of("delay", "2s"));
        DeploymentJob cancelled = noopJob("queue", Operation.DEPLOY, "2.0.0", Map.of());
        DeploymentJob last = noopJob("queue", Operation.DEPLOY, "3.0.0", Map.of());
        publish(slow, UUID.randomUUID().toString());
        publish(cancelled, UUID.randomUUID().toString());
        publish(last, UUID.randomUUID().toString());
        publishCancel(new CancelJob(cancelled.deploymentId(), CommandId.random(), "bob"));
        awaitEnd(last);

        assertThat(events.types(cancelled)).containsExactly("deployment.queued", "deployment.cancelled");
        assertThat(events.of("shop", "queue", DeploymentCancelled.class)
                        .getFirst()
                        .actor())
                .isEqualTo("bob");
        assertThat(events.of("shop", "queue"))
                .filteredOn(e -> e instanceof DeploymentStarted || e instanceof DeploymentSucceeded)
                .extracting(e -> MessageTypes.typeOf(e) + ":" + ((DeploymentEvent) e).deploymentId())
                .containsExactly(
                        "deployment.started:" + slow.deploymentId(), "deployment.succeeded:" + slow.deploymentId(),
                        "deployment.started:" + last.deploymentId(), "deployment.succeeded:" + last.deploymentId());
        assertThat(events.of("shop", "queue", DeploymentQueued.class).getFirst().position())
                .isZero();
    }

    @Test
    void anUnknownDriverFailsTheDeploymentWithWhatToDo() {
        DeploymentJob job =
                JobFixtures.job("helm-nope", "unknown-driver", Operation.DEPLOY, "1.0.0", Map.of(), Map.of(), Map.of());
        publish(job, UUID.randomUUID().toString());
        awaitEnd(job);

        DeploymentFailed failed =
                events.of("shop", "unknown-driver", DeploymentFailed.class).getFirst();
        assertThat(failed.error()).startsWith("unknown driver 'helm-nope'; this worker knows kubernetes, local, noop");
        assertThat(events.of("shop", "unknown-driver", EnvironmentStatusChanged.class))
                .extracting(e -> e.from() + "->" + e.to())
                .containsExactly("CREATE_PENDING->FAILURE");
    }

    @Test
    void aFailedUpdateArchiveRestoreAndCleanupFollowTheStatusMachine() {
        run(noopJob("life", Operation.DEPLOY, "1.0.0", Map.of()));
        DeploymentJob broken = run(noopJob("life", Operation.DEPLOY, "2.0.0", Map.of("fail", "wait-ready")));
        run(noopJob("life", Operation.ARCHIVE, "1.0.0", Map.of()));
        run(noopJob("life", Operation.RESTORE, "1.0.0", Map.of()));
        DeploymentJob illegal = run(noopJob("life", Operation.RESTORE, "1.0.0", Map.of()));
        run(noopJob("life", Operation.ARCHIVE, "1.0.0", Map.of()));
        run(noopJob("life", Operation.CLEANUP, "1.0.0", Map.of()));

        assertThat(events.of("shop", "life", EnvironmentStatusChanged.class))
                .extracting(e -> e.from() + "->" + e.to())
                .containsExactly(
                        "CREATE_PENDING->RUNNING",
                        "RUNNING->UPDATE_PENDING",
                        "UPDATE_PENDING->FAILURE",
                        "FAILURE->ARCHIVE_PENDING",
                        "ARCHIVE_PENDING->ARCHIVED",
                        "ARCHIVED->RESTORE_PENDING",
                        "RESTORE_PENDING->RUNNING",
                        "RUNNING->ARCHIVE_PENDING",
                        "ARCHIVE_PENDING->ARCHIVED",
                        "ARCHIVED->CLEANUP_PENDING",
                        "CLEANUP_PENDING->CLEANED");
        EnvironmentStatusChanged failure =
                events.of("shop", "life", EnvironmentStatusChanged.class).get(2);
        assertThat(failure.version()).isEqualTo("1.0.0");
        assertThat(failure.reason())
                .isEqualTo("update to 2.0.0 failed: step wait-ready failed as driverSettings.fail asks;"
                        + " version 1.0.0 is still running");
        DeploymentFailed brokenFailed = events.failed(broken);
        assertThat(brokenFailed.failedStep()).isEqualTo("wait-ready");
        assertThat(events.of("shop", "life", DeploymentStepChanged.class))
                .filteredOn(e -> e.deploymentId().equals(broken.deploymentId()))
                .extracting(e -> e.step() + ":" + e.status())
                .containsExactly(
                        "apply:RUNNING", "apply:DONE", "wait-ready:RUNNING", "wait-ready:FAILED", "switch:SKIPPED");
        assertThat(events.failed(illegal).error())
                .isEqualTo("environment shop/life is RUNNING, so it cannot be restored; it is not archived");
        assertThat(row("life")).containsEntry("status", "CLEANED").containsEntry("actual_version", null);
    }

    @Test
    void aDeployOrRestoreAnnouncesTheDriversLinksAndAFailingInfoCostsOnlyTheLinks() {
        Map<String, String> linked = Map.of("url", "https://links.example.com/shop/linked");
        DeploymentJob create = run(noopJob("linked", Operation.DEPLOY, "1.0.0", linked));
        DeploymentJob archive = run(noopJob("linked", Operation.ARCHIVE, "1.0.0", linked));
        DeploymentJob restore = run(noopJob("linked", Operation.RESTORE, "1.0.0", linked));
        DeploymentJob blind = run(noopJob("linked", Operation.DEPLOY, "2.0.0", Map.of("fail", "info")));

        EnvironmentLink link = new EnvironmentLink("application", "https://links.example.com/shop/linked");
        assertThat(events.of(create, DeploymentSucceeded.class).getFirst().links())
                .containsExactly(link);
        assertThat(events.of(archive, DeploymentSucceeded.class).getFirst().links())
                .isEmpty();
        assertThat(events.of(restore, DeploymentSucceeded.class).getFirst().links())
                .containsExactly(link);
        assertThat(events.of(blind, DeploymentFailed.class)).isEmpty();
        assertThat(events.of(blind, DeploymentSucceeded.class).getFirst().links())
                .isEmpty();
        assertThat(row("linked")).containsEntry("status", "RUNNING").containsEntry("actual_version", "2.0.0");
    }

    @Test
    void jobsRunInTheirSequenceWhicheverArrivesFirstAndALateOlderOneIsSuperseded() {
        DeploymentJob first = sequenced(noopJob("order", Operation.DEPLOY, "1.0.0", Map.of("delay", "500ms")), 1);
        DeploymentJob second = sequenced(noopJob("order", Operation.DEPLOY, "2.0.0", Map.of()), 2);
        publish(second, UUID.randomUUID().toString());
        publish(first, UUID.randomUUID().toString());
        awaitEnd(second);

        assertThat(events.of("shop", "order", DeploymentStarted.class))
                .extracting(DeploymentStarted::deploymentId)
                .containsExactly(first.deploymentId(), second.deploymentId());
        assertThat(row("order")).containsEntry("actual_version", "2.0.0");

        DeploymentJob late = sequenced(noopJob("order", Operation.DEPLOY, "1.5.0", Map.of()), 1);
        publish(late, UUID.randomUUID().toString());
        await().until(() ->
                !events.of("shop", "order", DeploymentSuperseded.class).isEmpty());
        DeploymentSuperseded superseded =
                events.of("shop", "order", DeploymentSuperseded.class).getFirst();
        assertThat(superseded.deploymentId()).isEqualTo(late.deploymentId());
        assertThat(superseded.error())
                .isEqualTo("superseded: it arrived after a later deployment of shop/order (job 2, this one is job 1)"
                        + " had started; the later one decides what runs");
        assertThat(row("order")).containsEntry("actual_version", "2.0.0");
    }

    @Test
    void aDeploymentWhoseWorkerDiedIsTakenOverOnceItsLeaseRunsOutAndFailsAfterTheLastAttempt() {
        DeploymentJob orphan = noopJob("orphan", Operation.DEPLOY, "1.0.0", Map.of());
        DeploymentJob twiceOrphaned = noopJob("twice", Operation.DEPLOY, "1.0.0", Map.of());
        leftRunningByADeadWorker(orphan, 1);
        leftRunningByADeadWorker(twiceOrphaned, 2);

        awaitEnd(orphan);
        awaitEnd(twiceOrphaned);

        assertThat(events.types(orphan)).endsWith("deployment.succeeded");
        assertThat(row("orphan")).containsEntry("status", "RUNNING").containsEntry("actual_version", "1.0.0");
        assertThat(jdbc.sql("SELECT worker_id, attempts FROM deployment WHERE id = ?")
                        .params(orphan.deploymentId().id())
                        .query()
                        .singleRow())
                .containsEntry("worker_id", properties.workerId())
                .containsEntry("attempts", 2);
        assertThat(stepLog(jdbc, orphan))
                .contains("deployer-worker ghost-worker stopped while it ran this deployment; " + properties.workerId()
                        + " took it over and runs it again");
        assertThat(events.failed(twiceOrphaned).error())
                .isEqualTo("deployer-worker ghost-worker stopped while this deployment ran (attempt 2 of 2);"
                        + " deploy again");
        assertThat(row("twice")).containsEntry("status", "FAILURE");
    }

    @Test
    void aPlanRunsHooksAndVerificationAndAFailedStepIsNamed() throws Exception {
        Map<String, String> plan = Map.of(
                "preDeployHook", "echo migrating to $STAGECRAFT_VERSION; echo $STAGECRAFT_VERSION >> migrations.txt",
                "verifyPath", "/health",
                "postDeployHook", "echo warmed up $STAGECRAFT_VERSION");
        DeploymentJob create = run(localJob("planned", "1.0.0", Map.of("GREETING", "hi"), plan));

        assertThat(events.of("shop", "planned", DeploymentStarted.class)
                        .getFirst()
                        .plan())
                .containsExactly("pre-deploy", "apply", "wait-ready", "switch", "verify", "post-deploy");
        assertThat(events.types(create)).contains("deployment.succeeded");
        assertThat(events.of("shop", "planned", DeploymentStepChanged.class))
                .filteredOn(step -> step.status() == StepStatus.DONE)
                .extracting(DeploymentStepChanged::step)
                .containsExactly("pre-deploy", "apply", "wait-ready", "verify", "post-deploy");
        assertThat(events.of("shop", "planned", DeploymentStepChanged.class))
                .filteredOn(step -> step.step().equals("pre-deploy") && step.status() == StepStatus.DONE)
                .singleElement()
                .satisfies(step -> assertThat(step.output()).contains("migrating to 1.0.0"));
        assertThat(Files.readAllLines(workDir.resolve("shop/planned/migrations.txt")))
                .containsExactly("1.0.0");

        Map<String, String> failingMigration = new HashMap<>(plan);
        failingMigration.put("preDeployHook", "echo cannot migrate; exit 3");
        DeploymentJob refused = run(localJob("planned", "2.0.0", Map.of("GREETING", "hi"), failingMigration));
        assertThat(events.failed(refused).failedStep()).isEqualTo("pre-deploy");
        assertThat(events.failed(refused).error())
                .isEqualTo("the pre-deploy hook `echo cannot migrate; exit 3` exited with 3; last output: cannot"
                        + " migrate");
        assertThat(get(port(jdbc, "planned"), "/health")).contains("\"1.0.0\"");

        Map<String, String> unverifiable = new HashMap<>(plan);
        unverifiable.remove("verifyPath");
        unverifiable.put("verifyUrl", "http://127.0.0.1:" + closedPort() + "/ready");
        unverifiable.put("verifyTimeout", "1s");
        DeploymentJob unverified = run(localJob("planned", "3.0.0", Map.of("GREETING", "hi"), unverifiable));
        assertThat(events.failed(unverified).failedStep()).isEqualTo("verify");
        assertThat(events.failed(unverified).error()).startsWith("verification failed: GET http://127.0.0.1:");
        assertThat(row("planned")).containsEntry("status", "FAILURE").containsEntry("actual_version", "3.0.0");
        assertThat(events.of("shop", "planned", DeploymentStepChanged.class))
                .filteredOn(step -> step.deploymentId().equals(unverified.deploymentId()))
                .filteredOn(step -> step.step().equals("post-deploy"))
                .extracting(DeploymentStepChanged::status)
                .containsExactly(StepStatus.SKIPPED);
    }

    private void leftRunningByADeadWorker(DeploymentJob job, int attempts) {
        jdbc.sql("INSERT INTO environment (app, name, status) VALUES (?, ?, 'CREATE_PENDING')")
                .params(job.app(), job.environment())
                .update();
        jdbc.sql("""
                        INSERT INTO deployment (id, app, environment, operation, status, to_version, actor, command_id,
                          job, requested_at, queued_at, started_at, worker_id, lease_expires_at, attempts)
                        VALUES (?, ?, ?, 'DEPLOY', 'RUNNING', ?, ?, ?, ?::jsonb, now(), now(), now(), 'ghost-worker',
                          now() - interval '1 minute', ?)""")
                .params(
                        job.deploymentId().id(),
                        job.app(),
                        job.environment(),
                        job.version(),
                        job.actor(),
                        job.commandId().id(),
                        dev.stagecraft.contracts.MessageCodec.instance().encodeToString(job),
                        attempts)
                .update();
    }

    private static int closedPort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private DeploymentJob run(DeploymentJob job) {
        publish(job, UUID.randomUUID().toString());
        awaitEnd(job);
        return job;
    }

    private void awaitEnd(DeploymentJob job) {
        await().atMost(Duration.ofSeconds(90)).dontCatchUncaughtExceptions().until(() -> events.ended(job));
    }

    private Map<String, Object> row(String environment) {
        return jdbc.sql("SELECT status, actual_version FROM environment WHERE app = 'shop' AND name = ?")
                .params(environment)
                .query()
                .singleRow();
    }

    private static Properties properties(Path file) throws java.io.IOException {
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            properties.load(in);
        }
        return properties;
    }

    private static List<ProcessHandle> tree(long pid) {
        ProcessHandle root = ProcessHandle.of(pid).orElseThrow();
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(root), root.descendants())
                .toList();
    }

    private static DeploymentJob localJob(String environment, String version, String greeting) {
        return localJob(environment, version, Map.of("GREETING", greeting), Map.of());
    }

    private static DeploymentJob localJob(
            String environment, String version, Map<String, String> overrides, Map<String, String> settings) {
        return JobFixtures.localJob(
                environment,
                version,
                overrides,
                Map.of("DB_PASSWORD", box.seal("shop/" + environment + "/DB_PASSWORD", "s3cret")),
                settings);
    }

    private void publish(DeploymentJob job, String messageId) {
        JobFixtures.publish(rabbit, job, messageId);
    }

    private void publishCancel(CancelJob cancel) {
        JobFixtures.publishCancel(rabbit, cancel);
    }
}
