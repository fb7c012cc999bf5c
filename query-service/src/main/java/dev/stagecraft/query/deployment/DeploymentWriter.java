package dev.stagecraft.query.deployment;

import static dev.stagecraft.query.Sql.timestamp;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.DeploymentStatus;
import dev.stagecraft.contracts.event.DeploymentAwaitingApproval;
import dev.stagecraft.contracts.event.DeploymentEvent;
import dev.stagecraft.contracts.event.DeploymentQueued;
import dev.stagecraft.query.environment.EnvironmentKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes deployment rows. Facts that never change once known (operation, versions, requester, times, outcome)
 * are filled in whatever order events arrive; the status is moved by {@link DeploymentProjection}.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class DeploymentWriter {

    private final JdbcClient jdbc;

    DeploymentWriter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Creates the row on the first event of a deployment ({@code requested_at} is its earliest event) and moves its
     * status forward to {@code status}: a deployment already as far or further stays as it is.
     *
     * @param causedBy the command that caused the deployment, if the event names it
     * @return true if this event is the deployment's earliest known one: it created the row or moved
     *     {@code requested_at} back (or ties it), so the deployment's place among its environment's ones may have
     *     changed
     */
    boolean ensure(DeploymentEvent event, EnvironmentKey key, DeploymentStatus status, @Nullable CommandId causedBy) {
        List<String> from = DeploymentLifecycle.predecessors(status).stream()
                .map(DeploymentStatus::name)
                .toList();
        String moveForward = from.isEmpty()
                ? ""
                : ", status = CASE WHEN deployments.status IN (:from) THEN EXCLUDED.status ELSE deployments.status END";
        JdbcClient.StatementSpec upsert = jdbc.sql("""
                        INSERT INTO deployments (id, app, environment, status, actor, command_id, requested_at, updated_at)
                        VALUES (:id, :app, :env, :status, :actor, :commandId, :at, :at)
                        ON CONFLICT (id) DO UPDATE
                           SET requested_at = LEAST(deployments.requested_at, EXCLUDED.requested_at),
                               command_id = COALESCE(deployments.command_id, EXCLUDED.command_id),
                               updated_at = GREATEST(deployments.updated_at, EXCLUDED.updated_at)%s
                        RETURNING requested_at = :at""".formatted(moveForward))
                .param("id", event.deploymentId().id())
                .param("app", key.app())
                .param("env", key.name())
                .param("status", status.name())
                .param("actor", event.actor())
                .param("commandId", causedBy == null ? null : causedBy.id())
                .param("at", timestamp(event.occurredAt()));
        if (!from.isEmpty()) {
            upsert = upsert.param("from", from);
        }
        return upsert.query(Boolean.class).single();
    }

    Optional<String> operation(DeploymentId id) {
        return jdbc.sql("SELECT operation FROM deployments WHERE id = :id AND operation IS NOT NULL")
                .param("id", id.id())
                .query(String.class)
                .optional();
    }

    /**
     * What the queue knows: operation, versions, requester, and when it was queued (the event's sequence and
     * time), which orders the environment's queue. The position the event carried is not kept: it goes stale
     * as soon as a deployment ahead starts, so the queue position is computed when read.
     */
    void queued(DeploymentQueued event) {
        jdbc.sql("""
                        UPDATE deployments
                           SET operation = :operation, version = :version, from_version = :fromVersion, actor = :actor,
                               queued_sequence = LEAST(queued_sequence, :sequence),
                               queued_at = LEAST(queued_at, :at)
                         WHERE id = :id""")
                .param("operation", event.operation().name())
                .param("version", event.toVersion())
                .param("fromVersion", event.fromVersion())
                .param("actor", event.actor())
                .param("sequence", event.sequence())
                .param("at", timestamp(event.occurredAt()))
                .param("id", event.deploymentId().id())
                .update();
    }

    /**
     * A deployment that waits for approval: who asked for it and the versions it would move between (its job, and so
     * its {@code deployment.queued}, exists only once it is approved). A deploy, unless the queue said otherwise.
     */
    void awaitingApproval(DeploymentAwaitingApproval event) {
        jdbc.sql("""
                        UPDATE deployments
                           SET actor = :actor, version = COALESCE(version, :version),
                               from_version = COALESCE(from_version, :fromVersion),
                               operation = COALESCE(operation, 'DEPLOY')
                         WHERE id = :id""")
                .param("actor", event.actor())
                .param("version", event.version())
                .param("fromVersion", event.fromVersion())
                .param("id", event.deploymentId().id())
                .update();
    }

    void decidedBy(DeploymentId id, String approver) {
        update("approver = :value", id, approver);
    }

    void started(DeploymentId id, Instant at) {
        update("started_at = LEAST(COALESCE(started_at, :value), :value)", id, timestamp(at));
    }

    void finished(DeploymentId id, Outcome outcome, Instant at) {
        jdbc.sql("""
                        UPDATE deployments
                           SET finished_at = COALESCE(finished_at, :at), version = COALESCE(version, :version),
                               error = COALESCE(error, :error), failed_step = COALESCE(failed_step, :failedStep),
                               duration_ms = COALESCE(duration_ms, :durationMs)
                         WHERE id = :id""")
                .param("at", timestamp(at))
                .param("version", outcome.version())
                .param("error", outcome.error())
                .param("failedStep", outcome.failedStep())
                .param("durationMs", outcome.durationMs())
                .param("id", id.id())
                .update();
    }

    private void update(String assignment, DeploymentId id, Object value) {
        jdbc.sql("UPDATE deployments SET " + assignment + " WHERE id = :id")
                .param("value", value)
                .param("id", id.id())
                .update();
    }
}
