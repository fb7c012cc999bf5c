package dev.stagecraft.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.EnvironmentStatus;
import dev.stagecraft.contracts.EventId;
import dev.stagecraft.contracts.event.DeploymentEvent;
import dev.stagecraft.contracts.event.DeploymentSucceeded;
import dev.stagecraft.contracts.job.DeploymentJob;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the promotion pipeline's tests share: an application registered with a pipeline of the test's choice,
 * and the worker simulated as the other ITs do (its status report and {@code deployment.succeeded} for a job).
 */
abstract class PipelineITSupport extends ServiceITSupport {

    private final Map<String, Long> workerSequences = new HashMap<>();

    /** Registers an application (driver noop) with the pipeline given as JSON stages, over REST. */
    protected String registered(String pipelineJson) {
        String app = uniqueName("shop");
        Answer answer = post("/api/v1/applications", """
                {"name":"%s","driver":"noop","defaults":{"LOG_LEVEL":"info"},"pipeline":[%s]}""".formatted(app, pipelineJson));
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        return app;
    }

    protected Answer promote(String app, String json, String actor) {
        return post("/api/v1/applications/" + app + "/promotions", json, actor(actor));
    }

    /** The job of a deployment, once it has been published. */
    protected DeploymentJob jobOf(String deploymentId) {
        await().until(() -> job(deploymentId) != null);
        return job(deploymentId);
    }

    protected DeploymentJob job(String deploymentId) {
        return jobs.of(DeploymentJob.class).stream()
                .filter(job -> job.deploymentId().toString().equals(deploymentId))
                .findFirst()
                .orElse(null);
    }

    protected List<DeploymentJob> jobsFor(String app, String environment) {
        return jobs.of(DeploymentJob.class).stream()
                .filter(job -> job.app().equals(app) && job.environment().equals(environment))
                .toList();
    }

    /**
     * Plays the worker finishing a deployment well: the environment reported RUNNING, then
     * {@code deployment.succeeded}; waits until command-service has recorded both.
     */
    protected void succeed(String deploymentId) {
        DeploymentJob job = jobOf(deploymentId);
        long sequence = workerSequences.merge(job.app() + "/" + job.environment(), 1L, Long::sum);
        publishStatus(job.app(), job.environment(), job.commandId(), sequence, EnvironmentStatus.RUNNING, "worker");
        publishSucceeded(job, EventId.random());
        await().until(() -> "SUCCEEDED".equals(deploymentStatus(deploymentId)));
    }

    protected void publishSucceeded(DeploymentJob job, EventId eventId) {
        long sequence = workerSequences.merge(job.app() + "/" + job.environment(), 1L, Long::sum);
        publishWorkerEvent(new DeploymentSucceeded(
                eventId,
                Instant.now(),
                job.commandId(),
                job.actor(),
                job.app(),
                job.environment(),
                sequence,
                job.deploymentId(),
                job.version(),
                null,
                null,
                5));
    }

    /** Deploys and succeeds: the deployment id of the accepted answer, succeeded. */
    protected String succeeded(Answer accepted) {
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String deploymentId = deploymentIdOf(accepted);
        succeed(deploymentId);
        return deploymentId;
    }

    protected static String deploymentIdOf(Answer accepted) {
        return accepted.json().get("deploymentId").stringValue();
    }

    protected static String detail(Answer refused) {
        return refused.json().get("detail").stringValue();
    }

    protected String deploymentStatus(String deploymentId) {
        return jdbc.sql("SELECT status FROM deployments WHERE id = ?")
                .param(DeploymentId.parse(deploymentId).id())
                .query(String.class)
                .optional()
                .orElse(null);
    }

    protected List<String> badVersions(String app, String environment) {
        return jdbc.sql("SELECT version FROM bad_versions WHERE app = ? AND environment = ? ORDER BY version")
                .params(app, environment)
                .query(String.class)
                .list();
    }

    protected <T extends DeploymentEvent> T awaitEvent(Class<T> type, String deploymentId) {
        await().until(() -> events.of(type).stream()
                .anyMatch(e -> e.deploymentId().toString().equals(deploymentId)));
        return events.of(type).stream()
                .filter(e -> e.deploymentId().toString().equals(deploymentId))
                .findFirst()
                .orElseThrow();
    }
}
