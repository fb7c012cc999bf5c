package dev.stagecraft.query.environment;

import dev.stagecraft.query.Sql;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads what waits for environments and what was last done to them, beyond their own row: their QUEUED deployments
 * with the live position computed by the view {@code queued_deployments} (first queued, first run; 1 = next), the
 * deployments that wait for an approval, and the last deployment that brought a version and succeeded.
 */
@Component
class EnvironmentQueues {

    private final JdbcClient jdbc;

    EnvironmentQueues(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Each environment with its queue (next first), its approvals (oldest first) and its last successful deploy. */
    List<EnvironmentView> attach(List<EnvironmentView> environments) {
        if (environments.isEmpty()) {
            return environments;
        }
        var apps = environments.stream().map(EnvironmentView::app).collect(Collectors.toSet());
        Map<EnvironmentKey, List<QueuedDeployment>> queues = queued(apps);
        Map<EnvironmentKey, List<AwaitingApproval>> approvals = awaiting(apps);
        Map<EnvironmentKey, Deployed> deployed = deployed(apps);
        return environments.stream()
                .map(environment -> environment.with(
                        queues.getOrDefault(environment.key(), List.of()),
                        deployed.get(environment.key()),
                        approvals.getOrDefault(environment.key(), List.of())))
                .toList();
    }

    private Map<EnvironmentKey, List<QueuedDeployment>> queued(Collection<String> apps) {
        return grouped(jdbc.sql("""
                        SELECT * FROM queued_deployments WHERE app IN (:apps)
                         ORDER BY app, environment, position""")
                .param("apps", apps)
                .query((rs, n) -> Map.entry(
                        new EnvironmentKey(rs.getString("app"), rs.getString("environment")),
                        new QueuedDeployment(
                                Objects.requireNonNull(Sql.uuid(rs, "id")),
                                rs.getString("operation"),
                                rs.getString("version"),
                                rs.getInt("position"),
                                rs.getString("actor"))))
                .list());
    }

    private Map<EnvironmentKey, List<AwaitingApproval>> awaiting(Collection<String> apps) {
        return grouped(jdbc.sql("""
                        SELECT id, app, environment, version, from_version, actor, requested_at FROM deployments
                         WHERE app IN (:apps) AND status = 'AWAITING_APPROVAL'
                         ORDER BY app, environment, requested_at, id""")
                .param("apps", apps)
                .query((rs, n) -> Map.entry(
                        new EnvironmentKey(rs.getString("app"), rs.getString("environment")),
                        new AwaitingApproval(
                                Objects.requireNonNull(Sql.uuid(rs, "id")),
                                rs.getString("version"),
                                rs.getString("from_version"),
                                rs.getString("actor"),
                                Objects.requireNonNull(Sql.instant(rs, "requested_at")))))
                .list());
    }

    private Map<EnvironmentKey, Deployed> deployed(Collection<String> apps) {
        return jdbc
                .sql("""
                        SELECT DISTINCT ON (app, environment) id, app, environment, version, actor, finished_at
                          FROM deployments
                         WHERE app IN (:apps) AND status = 'SUCCEEDED' AND finished_at IS NOT NULL
                           AND COALESCE(operation, 'DEPLOY') IN ('DEPLOY', 'RESTORE')
                         ORDER BY app, environment, finished_at DESC""")
                .param("apps", apps)
                .query((rs, n) -> Map.entry(
                        new EnvironmentKey(rs.getString("app"), rs.getString("environment")),
                        new Deployed(
                                Objects.requireNonNull(Sql.uuid(rs, "id")),
                                rs.getString("version"),
                                rs.getString("actor"),
                                Objects.requireNonNull(Sql.instant(rs, "finished_at")))))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static <T> Map<EnvironmentKey, List<T>> grouped(List<Map.Entry<EnvironmentKey, T>> rows) {
        return rows.stream()
                .collect(Collectors.groupingBy(
                        Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }
}
