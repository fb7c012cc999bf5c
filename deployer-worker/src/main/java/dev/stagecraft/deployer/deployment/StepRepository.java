package dev.stagecraft.deployer.deployment;

import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.StepStatus;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

    /**
     * The lines logged for {@code step} since it was last announced (at most the last {@code limit}, after a
     * line saying how many were left out), marked as announced.
     */
    List<String> takeUnannounced(DeploymentId id, String step, int limit) {
        List<Map.Entry<Long, String>> lines = jdbc.sql("""
                        SELECT l.id, l.line FROM step_log l
                        JOIN deployment_step s ON s.deployment_id = l.deployment_id AND s.name = l.step
                        WHERE l.deployment_id = ? AND l.step = ? AND l.id > s.published_log_id
                        ORDER BY l.id""")
                .params(id.id(), step)
                .query((row, n) -> Map.entry(row.getLong("id"), row.getString("line")))
                .list();
        if (lines.isEmpty()) {
            return List.of();
        }
        jdbc.sql("UPDATE deployment_step SET published_log_id = ? WHERE deployment_id = ? AND name = ?")
                .params(lines.getLast().getKey(), id.id(), step)
                .update();
        List<String> text = lines.stream().map(Map.Entry::getValue).toList();
        if (text.size() <= limit) {
            return text;
        }
        List<String> kept = new java.util.ArrayList<>();
        kept.add("… " + (text.size() - limit) + " earlier lines left out (the worker's step log keeps them)");
        kept.addAll(text.subList(text.size() - limit, text.size()));
        return kept;
    }
}
