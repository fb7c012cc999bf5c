package dev.stagecraft.query.deployment;

import static dev.stagecraft.query.Sql.timestamp;

import dev.stagecraft.contracts.event.DeploymentStepChanged;
import dev.stagecraft.query.Json;
import dev.stagecraft.query.QueryProperties;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appends the {@code output} lines of {@code step-changed} reports to their step, in the order of the reports
 * (their sequence) whatever order they arrive in, and keeps only the newest
 * {@code stagecraft.query.step-output.max-lines} lines of a step: older ones are dropped and the step is marked
 * truncated. The lines arrive with secret values already masked by deployer-worker.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class StepOutputWriter {

    private final JdbcClient jdbc;
    private final QueryProperties.StepOutput limits;

    StepOutputWriter(JdbcClient jdbc, QueryProperties properties) {
        this.jdbc = jdbc;
        this.limits = properties.stepOutput();
    }

    /** Adds the report's lines; the step's row must exist. */
    void append(DeploymentStepChanged event) {
        List<String> lines = event.output().stream().map(limits::cut).toList();
        if (lines.isEmpty()) {
            return;
        }
        insert(event, lines);
        jdbc.sql("""
                        UPDATE deployment_steps SET output_lines = output_lines + :count
                         WHERE deployment_id = :id AND name = :step""")
                .param("count", lines.size())
                .param("id", event.deploymentId().id())
                .param("step", event.step())
                .update();
        if (dropOldest(event) > 0) {
            jdbc.sql("UPDATE deployment_steps SET output_truncated = true WHERE deployment_id = :id AND name = :step")
                    .param("id", event.deploymentId().id())
                    .param("step", event.step())
                    .update();
        }
    }

    private void insert(DeploymentStepChanged event, List<String> lines) {
        jdbc.sql("""
                        INSERT INTO deployment_step_output (deployment_id, step, sequence, occurred_at, event_id, line_no, line)
                        SELECT :id, :step, :sequence, :at, :eventId, CAST(t.line_no AS int), t.line
                          FROM jsonb_array_elements_text(CAST(:lines AS jsonb)) WITH ORDINALITY AS t(line, line_no)
                        ON CONFLICT DO NOTHING""")
                .param("id", event.deploymentId().id())
                .param("step", event.step())
                .param("sequence", event.sequence())
                .param("at", timestamp(event.occurredAt()))
                .param("eventId", event.eventId().id())
                .param("lines", Json.write(lines))
                .update();
    }

    /** Deletes the lines older than the newest {@code maxLines} of the step; answers how many. */
    private int dropOldest(DeploymentStepChanged event) {
        return jdbc.sql("""
                        DELETE FROM deployment_step_output o
                         WHERE o.deployment_id = :id AND o.step = :step
                           AND (o.sequence, o.occurred_at, o.event_id, o.line_no) <
                               (SELECT k.sequence, k.occurred_at, k.event_id, k.line_no
                                  FROM deployment_step_output k
                                 WHERE k.deployment_id = :id AND k.step = :step
                                 ORDER BY k.sequence DESC, k.occurred_at DESC, k.event_id DESC, k.line_no DESC
                                OFFSET :keep - 1 LIMIT 1)""")
                .param("id", event.deploymentId().id())
                .param("step", event.step())
                .param("keep", limits.maxLines())
                .update();
    }
}
