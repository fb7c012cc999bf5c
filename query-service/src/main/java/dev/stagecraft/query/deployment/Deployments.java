package dev.stagecraft.query.deployment;

import static dev.stagecraft.query.Sql.instant;

import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.query.Sql;
import dev.stagecraft.query.environment.EnvironmentKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads deployment views from the read model. One deployment comes with its steps' output; a list of them
 * comes with its steps without output, to keep it light.
 */
@Component
public class Deployments {

    /**
     * A deployment with its live queue position and the channel of the command that caused it: the
     * {@code command.accepted} of its command id or, failing that, one naming it as the deployment it caused
     * (commands about an existing deployment, {@code deployment.approve|reject|cancel}, do not count).
     */
    private static final String SELECT = """
            SELECT d.*, q.position AS live_position, c.channel
              FROM deployments d
              LEFT JOIN queued_deployments q ON q.id = d.id
              LEFT JOIN LATERAL (SELECT a.channel FROM accepted_commands a
                                  WHERE a.command_id = d.command_id
                                     OR (a.deployment_id = d.id AND a.command_type NOT LIKE 'deployment.%')
                                  ORDER BY a.command_id = d.command_id DESC NULLS LAST, a.accepted_at
                                  LIMIT 1) c ON true
            """;

    private final JdbcClient jdbc;

    Deployments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<DeploymentView> find(DeploymentId id) {
        return jdbc.sql(SELECT + " WHERE d.id = :id")
                .param("id", id.id())
                .query(Deployments::view)
                .optional()
                .map(view -> view.withSteps(
                        withOutput(view.id(), steps(List.of(view.id())).getOrDefault(view.id(), List.of()))));
    }

    /** The newest {@code limit} deployments of an environment, newest first; their steps without output. */
    public List<DeploymentView> of(EnvironmentKey key, int limit) {
        List<DeploymentView> views = jdbc.sql(SELECT + """
                         WHERE d.app = :app AND d.environment = :env
                         ORDER BY d.requested_at DESC, d.id LIMIT :limit""")
                .param("app", key.app())
                .param("env", key.name())
                .param("limit", limit)
                .query(Deployments::view)
                .list();
        Map<UUID, List<StepView>> steps =
                steps(views.stream().map(DeploymentView::id).toList());
        return views.stream()
                .map(view -> view.withSteps(steps.getOrDefault(view.id(), List.of())))
                .toList();
    }

    private Map<UUID, List<StepView>> steps(List<UUID> deployments) {
        if (deployments.isEmpty()) {
            return Map.of();
        }
        return jdbc
                .sql("""
                        SELECT * FROM deployment_steps WHERE deployment_id IN (:ids)
                         ORDER BY position NULLS LAST, updated_at, name""")
                .param("ids", deployments)
                .query((rs, n) -> Map.entry(Objects.requireNonNull(Sql.uuid(rs, "deployment_id")), step(rs)))
                .list()
                .stream()
                .collect(Collectors.groupingBy(
                        Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    private List<StepView> withOutput(UUID deployment, List<StepView> steps) {
        Map<String, List<String>> output = jdbc
                .sql("""
                        SELECT step, line FROM deployment_step_output WHERE deployment_id = :id
                         ORDER BY sequence, occurred_at, event_id, line_no""")
                .param("id", deployment)
                .query((rs, n) -> Map.entry(rs.getString("step"), rs.getString("line")))
                .list()
                .stream()
                .collect(Collectors.groupingBy(
                        Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        return steps.stream()
                .map(step -> step.withOutput(output.getOrDefault(step.name(), List.of())))
                .toList();
    }

    private static StepView step(ResultSet rs) throws SQLException {
        return new StepView(
                rs.getString("name"),
                rs.getString("status"),
                rs.getString("message"),
                rs.getInt("progress"),
                instant(rs, "started_at"),
                instant(rs, "finished_at"),
                Objects.requireNonNull(instant(rs, "updated_at")),
                null,
                rs.getLong("output_lines"),
                rs.getBoolean("output_truncated"));
    }

    private static DeploymentView view(ResultSet rs, int n) throws SQLException {
        return new DeploymentView(
                Objects.requireNonNull(Sql.uuid(rs, "id")),
                rs.getString("app"),
                rs.getString("environment"),
                rs.getString("operation"),
                rs.getString("status"),
                rs.getString("version"),
                rs.getString("from_version"),
                rs.getString("actor"),
                rs.getString("channel"),
                Sql.uuid(rs, "command_id"),
                rs.getString("approver"),
                Sql.integer(rs, "live_position"),
                Objects.requireNonNull(instant(rs, "requested_at")),
                instant(rs, "started_at"),
                instant(rs, "finished_at"),
                Sql.longValue(rs, "duration_ms"),
                rs.getString("error"),
                rs.getString("failed_step"),
                List.of());
    }
}
