package dev.stagecraft.query.deployment;

import static dev.stagecraft.query.Sql.timestamp;

import dev.stagecraft.contracts.StepStatus;
import dev.stagecraft.contracts.event.DeploymentStarted;
import dev.stagecraft.contracts.event.DeploymentStepChanged;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Writes the steps of deployments: the plan from {@code deployment.started}, progress from {@code step-changed}. */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class StepWriter {

    private final JdbcClient jdbc;

    StepWriter(JdbcClient jdbc) {
        this.jdbc = jdbc;
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

    /** Applies a step's change unless a later one (higher sequence) for the same step was applied already. */
    void changed(DeploymentStepChanged event) {
        jdbc.sql("""
                        INSERT INTO deployment_steps (deployment_id, name, status, message, progress, sequence, updated_at)
                        VALUES (:id, :name, :status, :message, :progress, :sequence, :at)
                        ON CONFLICT (deployment_id, name) DO UPDATE
                           SET status = EXCLUDED.status, message = EXCLUDED.message, progress = EXCLUDED.progress,
                               sequence = EXCLUDED.sequence, updated_at = EXCLUDED.updated_at
                         WHERE deployment_steps.sequence <= EXCLUDED.sequence""")
                .param("id", event.deploymentId().id())
                .param("name", event.step())
                .param("status", event.status().name())
                .param("message", event.message())
                .param("progress", event.progress())
                .param("sequence", event.sequence())
                .param("at", timestamp(event.occurredAt()))
                .update();
    }
}
