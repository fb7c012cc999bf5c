package dev.stagecraft.query.deployment;

import static dev.stagecraft.query.Sql.timestamp;

import dev.stagecraft.contracts.StepStatus;
import dev.stagecraft.contracts.event.DeploymentStarted;
import dev.stagecraft.contracts.event.DeploymentStepChanged;
import java.util.EnumSet;
import java.util.List;
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
        List<String> plan = event.plan();
        for (int position = 0; position < plan.size(); position++) {
            jdbc.sql("""
                            INSERT INTO deployment_steps (deployment_id, name, position, status, progress, sequence, updated_at)
                            VALUES (:id, :name, :position, :status, 0, 0, :at)
                            ON CONFLICT (deployment_id, name) DO UPDATE SET position = EXCLUDED.position""")
                    .param("id", event.deploymentId().id())
                    .param("name", plan.get(position))
                    .param("position", position)
                    .param("status", StepStatus.PENDING.name())
                    .param("at", timestamp(event.occurredAt()))
                    .update();
        }
    }

    /**
     * Applies a step's change unless a later one (higher sequence) for the same step was applied already; its
     * start time and its output count whatever order the reports arrive in.
     */
    void changed(DeploymentStepChanged event) {
        jdbc.sql("""
                        INSERT INTO deployment_steps (deployment_id, name, status, message, progress, sequence, updated_at,
                                                      finished_at)
                        VALUES (:id, :name, :status, :message, :progress, :sequence, :at, :finishedAt)
                        ON CONFLICT (deployment_id, name) DO UPDATE
                           SET status = EXCLUDED.status, message = EXCLUDED.message, progress = EXCLUDED.progress,
                               sequence = EXCLUDED.sequence, updated_at = EXCLUDED.updated_at,
                               finished_at = EXCLUDED.finished_at
                         WHERE deployment_steps.sequence <= EXCLUDED.sequence""")
                .param("id", event.deploymentId().id())
                .param("name", event.step())
                .param("status", event.status().name())
                .param("message", event.message())
                .param("progress", event.progress())
                .param("sequence", event.sequence())
                .param("at", timestamp(event.occurredAt()))
                .param("finishedAt", FINISHED.contains(event.status()) ? timestamp(event.occurredAt()) : null)
                .update();
        if (STARTED.contains(event.status())) {
            jdbc.sql("""
                            UPDATE deployment_steps SET started_at = LEAST(started_at, :at)
                             WHERE deployment_id = :id AND name = :name""")
                    .param("at", timestamp(event.occurredAt()))
                    .param("id", event.deploymentId().id())
                    .param("name", event.step())
                    .update();
        }
        output.append(event);
    }
}
