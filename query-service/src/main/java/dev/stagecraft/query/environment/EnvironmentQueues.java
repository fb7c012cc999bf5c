package dev.stagecraft.query.environment;

import dev.stagecraft.query.Sql;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads what waits for environments, beyond their own row: their QUEUED deployments with the live position computed
 * by the view {@code queued_deployments} (first queued, first run; 1 = next), and the deployments that wait for an
 * approval. One statement for a whole page of environments (never one per environment): by their keys for a page,
 * by their applications for longer lists (the pipeline matrix), whose keys would be too many bind parameters.
 */
@Component
class EnvironmentQueues {

    /** Above this many environments, read by application rather than by key (PostgreSQL allows 65,535 parameters). */
    static final int MAX_KEYS = 1000;

    private final JdbcClient jdbc;

    EnvironmentQueues(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Each environment with its queue (next first) and its approvals (oldest first), read in one statement. */
    List<EnvironmentView> attach(List<EnvironmentView> environments) {
        if (environments.isEmpty()) {
            return environments;
        }
        Scope scope = scope(environments);
        Map<EnvironmentKey, List<QueuedDeployment>> queues = new HashMap<>();
        Map<EnvironmentKey, List<AwaitingApproval>> approvals = new HashMap<>();
        jdbc.sql("SELECT 'queued' AS kind, app, environment, id, operation, version, NULL AS from_version, actor,"
                        + " CAST(NULL AS timestamptz) AS requested_at, position"
                        + " FROM queued_deployments WHERE " + scope.condition()
                        + " UNION ALL"
                        + " SELECT 'awaiting', app, environment, id, operation, version, from_version, actor,"
                        + " requested_at, NULL FROM deployments"
                        + " WHERE " + scope.condition() + " AND status = 'AWAITING_APPROVAL'"
                        + " ORDER BY kind, app, environment, position, requested_at, id")
                .param("scope", scope.values())
                .query(rs -> {
                    EnvironmentKey key = new EnvironmentKey(rs.getString("app"), rs.getString("environment"));
                    UUID id = Objects.requireNonNull(Sql.uuid(rs, "id"));
                    if ("queued".equals(rs.getString("kind"))) {
                        queues.computeIfAbsent(key, k -> new ArrayList<>())
                                .add(new QueuedDeployment(
                                        id,
                                        rs.getString("operation"),
                                        rs.getString("version"),
                                        rs.getInt("position"),
                                        rs.getString("actor")));
                    } else {
                        approvals
                                .computeIfAbsent(key, k -> new ArrayList<>())
                                .add(new AwaitingApproval(
                                        id,
                                        rs.getString("version"),
                                        rs.getString("from_version"),
                                        rs.getString("actor"),
                                        Objects.requireNonNull(Sql.instant(rs, "requested_at"))));
                    }
                });
        return environments.stream()
                .map(environment -> environment.with(
                        queues.getOrDefault(environment.key(), List.of()),
                        approvals.getOrDefault(environment.key(), List.of())))
                .toList();
    }

    /** Which deployments to read: a SQL condition on {@code app} and {@code environment}, and its parameter. */
    private record Scope(String condition, Object values) {}

    private static Scope scope(List<EnvironmentView> environments) {
        if (environments.size() > MAX_KEYS) {
            return new Scope(
                    "app IN (:scope)",
                    environments.stream().map(EnvironmentView::app).collect(Collectors.toSet()));
        }
        List<Object[]> keys = environments.stream()
                .map(environment -> new Object[] {environment.app(), environment.name()})
                .toList();
        return new Scope("(app, environment) IN (:scope)", keys);
    }
}
