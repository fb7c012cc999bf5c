package dev.stagecraft.deployer.deployment;

import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.StepStatus;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code deployment_step} and {@code step_log} tables. */
@Repository
class StepRepository {

    /** A step as recorded. */
    record Step(String name, StepStatus status, @Nullable String message) {}

    private final JdbcClient jdbc;

    StepRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertPlan(DeploymentId id, List<String> plan) {
        for (int position = 0; position < plan.size(); position++) {
            jdbc.sql("INSERT INTO deployment_step (deployment_id, position, name, status) VALUES (?, ?, ?, 'PENDING')"
                            + " ON CONFLICT DO NOTHING")
                    .params(id.id(), position, plan.get(position))
                    .update();
        }
    }

    /** Records a step's new status; a step outside the plan is appended to it. */
    void update(DeploymentId id, String name, StepStatus status, @Nullable String message, Instant at) {
        Timestamp time = Timestamp.from(at);
        jdbc.sql("""
                        INSERT INTO deployment_step (deployment_id, position, name, status, message, started_at, finished_at)
                        VALUES (?, (SELECT coalesce(max(position) + 1, 0) FROM deployment_step WHERE deployment_id = ?),
                                ?, ?, ?, ?, ?)
                        ON CONFLICT (deployment_id, name) DO UPDATE SET status = excluded.status,
                          message = excluded.message,
                          started_at = coalesce(deployment_step.started_at, excluded.started_at),
                          finished_at = excluded.finished_at""")
                .params(
                        id.id(),
                        id.id(),
                        name,
                        status.name(),
                        message,
                        status == StepStatus.RUNNING ? time : null,
                        status == StepStatus.RUNNING ? null : time)
                .update();
    }

    List<Step> steps(DeploymentId id) {
        return jdbc.sql("SELECT name, status, message FROM deployment_step WHERE deployment_id = ? ORDER BY position")
                .params(id.id())
                .query((row, n) -> new Step(
                        row.getString("name"), StepStatus.valueOf(row.getString("status")), row.getString("message")))
                .list();
    }

    void log(DeploymentId id, String step, String line, Instant at) {
        jdbc.sql("INSERT INTO step_log (deployment_id, step, line, logged_at) VALUES (?, ?, ?, ?)")
                .params(id.id(), step, line, Timestamp.from(at))
                .update();
    }
}
