package dev.stagecraft.command.webhook;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The pipeline stages a push deploys to: those whose {@code branch} was pushed, of applications whose
 * {@code repository} is the pushed one. Reads the application and environment tables of the same schema.
 */
@Repository
class StageTargets {

    /** A stage a push deploys to; {@code exists}: its environment was created and not cleaned up. */
    record Target(String app, String environment, boolean exists) {}

    private record Row(String repository, Target target) {}

    private final JdbcClient jdbc;

    StageTargets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Target> of(Push push, String branch) {
        return jdbc
                .sql("""
                        SELECT a.name AS app, a.repository, s.environment,
                               EXISTS (SELECT 1 FROM environments e WHERE e.app = a.name AND e.name = s.environment
                                          AND e.status <> 'CLEANED') AS env_exists
                          FROM applications a JOIN pipeline_stages s ON s.app = a.name
                         WHERE s.branch = ? AND a.repository IS NOT NULL
                         ORDER BY a.name, s.position""")
                .param(branch)
                .query((rs, row) -> new Row(
                        rs.getString("repository"),
                        new Target(rs.getString("app"), rs.getString("environment"), rs.getBoolean("env_exists"))))
                .list()
                .stream()
                .filter(row -> push.names(row.repository()))
                .map(Row::target)
                .toList();
    }
}
