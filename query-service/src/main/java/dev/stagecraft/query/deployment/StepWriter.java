package dev.stagecraft.query.deployment;

import static dev.stagecraft.query.Sql.timestamp;

import dev.stagecraft.contracts.StepStatus;
import dev.stagecraft.contracts.event.DeploymentStarted;
import dev.stagecraft.contracts.event.DeploymentStepChanged;
import dev.stagecraft.query.Json;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes the steps of deployments: the plan from {@code deployment.started}, status, times and output from
 * {@code step-changed}.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class StepWriter {

    private static final Set<StepStatus> STARTED = EnumSet.of(StepStatus.RUNNING, StepStatus.DONE, StepStatus.FAILED);
    private static final Set<StepStatus> FINISHED = EnumSet.of(StepStatus.DONE, StepStatus.FAILED, StepStatus.SKIPPED);

    private final JdbcClient jdbc;
    private final StepOutputWriter output;

    StepWriter(JdbcClient jdbc, StepOutputWriter output) {
        this.jdbc = jdbc;
        this.output = output;
    }

    /** Lists the planned steps as PENDING in plan order; steps already reported keep their status. */
    void planned(DeploymentStarted event) {
        if (event.plan().isEmpty()) {
            return;
        }
        // DISTINCT ON: a name planned twice keeps its last position, as one insert per step would.
        jdbc.sql("""
                        INSERT INTO deployment_steps (deployment_id, name, position, status, progress, sequence, updated_at)
                        SELECT DISTINCT ON (p.name) :id, p.name, CAST(p.idx - 1 AS int), :status, 0, 0, :at
                          FROM jsonb_array_elements_text(CAST(:plan AS jsonb)) WITH ORDINALITY AS p(name, idx)
                         ORDER BY p.name, p.idx DESC
                        ON CONFLICT (deployment_id, name) DO UPDATE SET position = EXCLUDED.position""")
                .param("id", event.deploymentId().id())
                .param("plan", Json.write(event.plan()))
                .param("status", StepStatus.PENDING.name())
                .param("at", timestamp(event.occurredAt()))
                .update();
    }

    /**
     * Applies a step's change unless a later one (higher sequence) for the same step was applied already; its
     * start time and its output count whatever order the reports arrive in.
     */
    void changed(DeploymentStepChanged event) {
        Instant startedAt = STARTED.contains(event.status()) ? event.occurredAt() : null;
        int applied = jdbc.sql("""
                        INSERT INTO deployment_steps (deployment_id, name, status, message, progress, sequence, updated_at,
                                                      started_at, finished_at)
                        VALUES (:id, :name, :status, :message, :progress, :sequence, :at, :startedAt, :finishedAt)
                        ON CONFLICT (deployment_id, name) DO UPDATE
                           SET status = EXCLUDED.status, message = EXCLUDED.message, progress = EXCLUDED.progress,
                               sequence = EXCLUDED.sequence, updated_at = EXCLUDED.updated_at,
                               started_at = LEAST(deployment_steps.started_at, EXCLUDED.started_at),
                               finished_at = EXCLUDED.finished_at
                         WHERE deployment_steps.sequence <= EXCLUDED.sequence""")
                .param("id", event.deploymentId().id())
                .param("name", event.step())
                .param("status", event.status().name())
                .param("message", event.message())
                .param("progress", event.progress())
                .param("sequence", event.sequence())
                .param("at", timestamp(event.occurredAt()))
                .param("startedAt", timestamp(startedAt))
                .param("finishedAt", FINISHED.contains(event.status()) ? timestamp(event.occurredAt()) : null)
                .update();
        if (applied == 0 && startedAt != null) {
            // A stale report still tells when the step started, if that was earlier than known.
            jdbc.sql("""
                            UPDATE deployment_steps SET started_at = LEAST(started_at, :at)
                             WHERE deployment_id = :id AND name = :name""")
                    .param("at", timestamp(startedAt))
                    .param("id", event.deploymentId().id())
                    .param("name", event.step())
                    .update();
        }
        output.append(event);
    }
}
