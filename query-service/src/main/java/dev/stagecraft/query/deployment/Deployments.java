package dev.stagecraft.query.deployment;

import static dev.stagecraft.query.Sql.instant;

import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.DeploymentStatus;
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

/** Reads deployment views, steps included, from the read model. */
@Component
public class Deployments {

    private final JdbcClient jdbc;

    Deployments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<DeploymentView> find(DeploymentId id) {
        return jdbc.sql("SELECT * FROM deployments WHERE id = :id")
                .param("id", id.id())
                .query(Deployments::view)
                .optional()
                .map(view -> view.withSteps(steps(List.of(view.id())).getOrDefault(view.id(), List.of())));
    }

    /** The newest {@code limit} deployments of an environment, newest first. */
    public List<DeploymentView> of(EnvironmentKey key, int limit) {
        List<DeploymentView> views = jdbc.sql("""
                        SELECT * FROM deployments WHERE app = :app AND environment = :env
                         ORDER BY requested_at DESC, id LIMIT :limit""")
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

    private static StepView step(ResultSet rs) throws SQLException {
        return new StepView(
                rs.getString("name"),
                rs.getString("status"),
                rs.getString("message"),
                rs.getInt("progress"),
                Objects.requireNonNull(instant(rs, "updated_at")));
    }

    private static DeploymentView view(ResultSet rs, int n) throws SQLException {
        String status = rs.getString("status");
        return new DeploymentView(
                Objects.requireNonNull(Sql.uuid(rs, "id")),
                rs.getString("app"),
                rs.getString("environment"),
                rs.getString("operation"),
                status,
                rs.getString("version"),
                rs.getString("from_version"),
                rs.getString("actor"),
                Sql.uuid(rs, "command_id"),
                rs.getString("approver"),
                DeploymentStatus.QUEUED.name().equals(status) ? Sql.integer(rs, "queue_position") : null,
                Objects.requireNonNull(instant(rs, "requested_at")),
                instant(rs, "started_at"),
                instant(rs, "finished_at"),
                Sql.longValue(rs, "duration_ms"),
                rs.getString("error"),
                rs.getString("failed_step"),
                List.of());
    }
}
