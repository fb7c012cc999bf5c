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
 * Reads the queues of environments: their QUEUED deployments with the live position computed by the view
 * {@code queued_deployments} (first queued, first run; 1 = next).
 */
@Component
class EnvironmentQueues {

    private final JdbcClient jdbc;

    EnvironmentQueues(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Each environment with its queue, next first. */
    List<EnvironmentView> attach(List<EnvironmentView> environments) {
        if (environments.isEmpty()) {
            return environments;
        }
        Map<EnvironmentKey, List<QueuedDeployment>> queues =
                of(environments.stream().map(EnvironmentView::app).collect(Collectors.toSet()));
        return environments.stream()
                .map(environment -> environment.withQueued(queues.getOrDefault(environment.key(), List.of())))
                .toList();
    }

    private Map<EnvironmentKey, List<QueuedDeployment>> of(Collection<String> apps) {
        return jdbc
                .sql("""
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
                .list()
                .stream()
                .collect(Collectors.groupingBy(
                        Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }
}
