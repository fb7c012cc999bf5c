package dev.stagecraft.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.EnvironmentStatus;
import dev.stagecraft.contracts.EventId;
import dev.stagecraft.contracts.Operation;
import dev.stagecraft.contracts.event.CommandAccepted;
import dev.stagecraft.contracts.event.CommandRejected;
import dev.stagecraft.contracts.event.DeploymentCancelled;
import dev.stagecraft.contracts.event.DeploymentStarted;
import dev.stagecraft.contracts.job.CancelJob;
import dev.stagecraft.contracts.job.DeploymentJob;
import dev.stagecraft.testsupport.IsolatedEnvironment;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Archive, restore, cleanup and cancel over REST and AMQP: accepted ones become jobs numbered per
 * environment, forbidden ones are refused naming the status and what to do, alike on both channels.
 */
class LifecycleCommandsIT extends ServiceITSupport {

    static final IsolatedEnvironment infra = IsolatedEnvironment.create("lifecycle-commands");

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        infra.register(registry);
    }

    @AfterAll
    static void drop() {
        infra.close();
    }

    @Test
    void archiveRestoreAndCleanupBecomeJobsInTheOrderTheyWereDecided() {
        String app = registeredOverAmqp();
        String base = "/api/v1/applications/" + app + "/environments/review-1";
        assertThat(post("/api/v1/applications/" + app + "/environments", """
                        {"name":"review-1","version":"1.0.0"}""").status())
                .isEqualTo(202);

        Answer archived = post(base + "/archive", null, as(tokenFor("alice", "deployer")));
        assertThat(archived.status()).isEqualTo(202);
        assertThat(post(base + "/restore", null).status()).isEqualTo(202);
        assertThat(post(base + "/archive", null).status()).isEqualTo(202);
        assertThat(delete(base).status()).isEqualTo(202);

        await().until(() -> jobsFor(app).size() == 5);
        List<DeploymentJob> jobs = jobsFor(app);
        assertThat(jobs)
                .extracting(DeploymentJob::operation)
                .containsExactly(
                        Operation.DEPLOY, Operation.ARCHIVE, Operation.RESTORE, Operation.ARCHIVE, Operation.CLEANUP);
        assertThat(jobs).extracting(DeploymentJob::sequence).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(jobs).allSatisfy(job -> assertThat(job.version()).isEqualTo("1.0.0"));
        assertThat(jobs.get(1).actor()).isEqualTo("alice");
        assertThat(jobs.get(1).deploymentId().toString())
                .isEqualTo(archived.json().get("deploymentId").stringValue());
        assertThat(this.jobs.messages())
                .extracting(m -> m.getMessageProperties().getReceivedRoutingKey())
                .contains("job.archive", "job.restore", "job.cleanup");
        await().until(() -> events.of(CommandAccepted.class).stream()
                .anyMatch(e -> "environment.cleanup".equals(e.commandType()) && app.equals(e.app())));
        assertThat(events.of(CommandAccepted.class))
                .filteredOn(e -> app.equals(e.app()))
                .extracting(CommandAccepted::channel)
                .containsOnly("rest", "amqp");
    }

    @Test
    void aCommandTheStatusForbidsIsRefusedNamingTheStatusAndWhatToDo() {
        String app = registeredOverAmqp();
        String base = "/api/v1/applications/" + app + "/environments/review-2";
        post("/api/v1/applications/" + app + "/environments", """
                {"name":"review-2","version":"1.0.0"}""");

        Answer cleanupWhileRunning = delete(base);
        assertThat(cleanupWhileRunning.status()).isEqualTo(409);
        assertThat(cleanupWhileRunning.contentType()).startsWith("application/problem+json");
        assertThat(cleanupWhileRunning.json().get("detail").stringValue())
                .isEqualTo("environment " + app + "/review-2 is CREATE_PENDING (it will be RUNNING), so it cannot be"
                        + " cleaned up; it can be updated or archived (PATCH " + base + " or POST " + base
                        + "/archive)");
        Answer restoreWhileRunning = post(base + "/restore", null);
        assertThat(restoreWhileRunning.status()).isEqualTo(409);
        assertThat(restoreWhileRunning.json().get("detail").stringValue()).contains("cannot be restored");

        assertThat(post(base + "/archive", null).status()).isEqualTo(202);
        Answer updateWhileArchived = patch(base, """
                {"version":"2.0.0"}""");
        assertThat(updateWhileArchived.status()).isEqualTo(409);
        assertThat(updateWhileArchived.json().get("detail").stringValue())
                .isEqualTo("environment " + app + "/review-2 is ARCHIVE_PENDING (it will be ARCHIVED), so it cannot"
                        + " be updated; restore it first, or clean it up (POST " + base + "/restore or DELETE "
                        + base + ")");

        assertThat(post("/api/v1/applications/" + app + "/environments/nope/archive", null)
                        .status())
                .isEqualTo(404);
        await().untilAsserted(() -> assertThat(jobsFor(app))
                .extracting(DeploymentJob::operation)
                .containsExactly(Operation.DEPLOY, Operation.ARCHIVE));
    }

    @Test
    void amqpLifecycleCommandsAreAnsweredLikeRest() {
        String app = registeredOverAmqp();
        CommandId create = CommandId.random();
        publishBare("environment.create", """
                {"commandId":"%s","actor":"ci","app":"%s","environment":"qa","version":"1"}""".formatted(create, app));
        await().until(() -> jobsFor(app).size() == 1);

        String cleanup = UUID.randomUUID().toString();
        publishBare("environment.cleanup", """
                {"commandId":"%s","actor":"ci","app":"%s","environment":"qa"}""".formatted(cleanup, app));
        CommandRejected refused = awaitRejection(cleanup);
        assertThat(refused.code()).isEqualTo("conflict");
        assertThat(refused.message())
                .startsWith("environment " + app + "/qa is CREATE_PENDING (it will be RUNNING), so it cannot be"
                        + " cleaned up");
        awaitDeadLettered(cleanup);

        publishBare("environment.archive", """
                {"commandId":"%s","actor":"ci","app":"%s","environment":"qa"}""".formatted(UUID.randomUUID(), app));
        await().until(() -> jobsFor(app).size() == 2);
        assertThat(jobsFor(app).get(1).operation()).isEqualTo(Operation.ARCHIVE);
    }

    @Test
    void aWorkerReportAboutAnOlderCommandDoesNotUndoANewerDecision() {
        String app = registeredOverAmqp();
        CommandId create = CommandId.random();
        publishBare("environment.create", """
                {"commandId":"%s","actor":"ci","app":"%s","environment":"qa","version":"1"}""".formatted(create, app));
        await().until(() -> jobsFor(app).size() == 1);
        assertThat(post("/api/v1/applications/" + app + "/environments/qa/archive", null)
                        .status())
                .isEqualTo(202);

        publishStatus(app, "qa", create, 1, EnvironmentStatus.RUNNING, "deployer-worker");
        await().until(() -> "RUNNING".equals(column(app, "reported_status")));
        assertThat(column(app, "status")).isEqualTo("ARCHIVE_PENDING");

        CommandId archive = jobsFor(app).get(1).commandId();
        publishStatus(app, "qa", archive, 2, EnvironmentStatus.ARCHIVED, "deployer-worker");
        await().until(() -> "ARCHIVED".equals(column(app, "status")));
        assertThat(post("/api/v1/applications/" + app + "/environments/qa/restore", null)
                        .status())
                .isEqualTo(202);
    }

    @Test
    void onlyAQueuedDeploymentCanBeCancelledAndCancellingRevertsTheStatus() {
        String app = registeredOverAmqp();
        String base = "/api/v1/applications/" + app + "/environments/qa";
        CommandId create = CommandId.random();
        publishBare("environment.create", """
                {"commandId":"%s","actor":"ci","app":"%s","environment":"qa","version":"1"}""".formatted(create, app));
        await().until(() -> jobsFor(app).size() == 1);
        publishStatus(app, "qa", create, 1, EnvironmentStatus.RUNNING, "deployer-worker");
        await().until(() -> "RUNNING".equals(column(app, "status")));
        String archiving =
                post(base + "/archive", null).json().get("deploymentId").stringValue();
        assertThat(column(app, "status")).isEqualTo("ARCHIVE_PENDING");

        Answer cancelled =
                post("/api/v1/deployments/" + archiving + "/cancel", null, as(tokenFor("bob", "deployer:" + app)));
        assertThat(cancelled.status()).isEqualTo(202);
        await().until(() -> jobs.of(CancelJob.class).stream()
                .anyMatch(job -> job.deploymentId().toString().equals(archiving)));
        CancelJob job = jobs.of(CancelJob.class).stream()
                .filter(j -> j.deploymentId().toString().equals(archiving))
                .findFirst()
                .orElseThrow();
        assertThat(job.actor()).isEqualTo("bob");
        publishWorkerEvent(new DeploymentCancelled(
                EventId.random(),
                Instant.now(),
                job.commandId(),
                "bob",
                app,
                "qa",
                2,
                DeploymentId.parse(archiving),
                "1",
                "cancelled by bob before it started",
                null,
                0));
        await().until(() -> "RUNNING".equals(column(app, "status")));

        Answer again = post("/api/v1/deployments/" + archiving + "/cancel", null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("detail").stringValue())
                .isEqualTo("deployment " + archiving + " of " + app + "/qa is CANCELLED, so it cannot be cancelled:"
                        + " only a QUEUED deployment or one AWAITING_APPROVAL can be");

        String updating = patch(base, """
                {"version":"2"}""").json().get("deploymentId").stringValue();
        publishWorkerEvent(new DeploymentStarted(
                EventId.random(),
                Instant.now(),
                null,
                "ci",
                app,
                "qa",
                3,
                DeploymentId.parse(updating),
                List.of("apply")));
        await().until(() ->
                post("/api/v1/deployments/" + updating + "/cancel", null).status() == 409);
        assertThat(post("/api/v1/deployments/" + updating + "/cancel", null)
                        .json()
                        .get("detail")
                        .stringValue())
                .endsWith(
                        "is RUNNING, so it cannot be cancelled: only a QUEUED deployment or one AWAITING_APPROVAL can be;"
                                + " wait for it to"
                                + " finish, then roll back or deploy another version");

        assertThat(post("/api/v1/deployments/" + UUID.randomUUID() + "/cancel", null)
                        .status())
                .isEqualTo(404);
        Answer notAnId = post("/api/v1/deployments/latest/cancel", null);
        assertThat(notAnId.status()).isEqualTo(400);
        assertThat(notAnId.json().get("detail").stringValue())
                .isEqualTo("deployment.cancel is invalid: deploymentId must be a deployment id (a UUID), not 'latest'");
    }

    private String column(String app, String column) {
        return jdbc.sql("SELECT " + column + " FROM environments WHERE app = ? AND name = 'qa'")
                .param(app)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    private List<DeploymentJob> jobsFor(String app) {
        return jobs.of(DeploymentJob.class).stream()
                .filter(job -> job.app().equals(app))
                .toList();
    }
}
