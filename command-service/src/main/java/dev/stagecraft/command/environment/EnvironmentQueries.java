package dev.stagecraft.command.environment;

import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.EnvironmentStatus;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Read-only answers about environments for the decisions of other packages (promotion, rollback). */
@Repository
public class EnvironmentQueries {

    private final JdbcClient jdbc;

    EnvironmentQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<EnvironmentState> state(String app, String name) {
        return jdbc.sql("""
                        SELECT app, name, version, commit, status, reported_status, last_deployment_id
                        FROM environments WHERE app = ? AND name = ?""")
                .params(app, name)
                .query((rs, row) -> new EnvironmentState(
                        rs.getString("app"),
                        rs.getString("name"),
                        rs.getString("version"),
                        rs.getString("commit"),
                        EnvironmentStatus.valueOf(rs.getString("status")),
                        status(rs.getString("reported_status")),
                        deployment(rs.getObject("last_deployment_id", UUID.class))))
                .optional();
    }

    /**
     * The commit recorded with {@code version} in the environment's latest spec revision of that version;
     * null if the version was never desired there or was desired without a commit.
     */
    public @Nullable String commitOf(String app, String environment, String version) {
        List<String> commits = jdbc.sql("""
                        SELECT commit FROM environment_spec_revisions
                        WHERE app = ? AND environment = ? AND version = ? ORDER BY revision DESC LIMIT 1""")
                .params(app, environment, version)
                .query((rs, row) -> rs.getString("commit"))
                .list();
        return commits.isEmpty() ? null : commits.getFirst();
    }

    private static @Nullable EnvironmentStatus status(@Nullable String name) {
        return name == null ? null : EnvironmentStatus.valueOf(name);
    }

    private static @Nullable DeploymentId deployment(@Nullable UUID id) {
        return id == null ? null : new DeploymentId(id);
    }
}
