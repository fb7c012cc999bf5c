package dev.stagecraft.command.environment;

import dev.stagecraft.command.JsonColumns;
import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.EnvironmentStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The {@code environments} and {@code environment_spec_revisions} tables. */
@Repository
class Environments {

    private final JdbcClient jdbc;

    Environments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Environment> find(String app, String name) {
        return jdbc.sql("SELECT * FROM environments WHERE app = ? AND name = ?")
                .params(app, name)
                .query((rs, row) -> environment(rs))
                .optional();
    }

    /** Stores the environment's new desired spec and status, and the spec as a new revision. */
    @Transactional(propagation = Propagation.MANDATORY)
    void save(Environment environment, CommandId commandId, DeploymentId deploymentId, String actor, Instant at) {
        EnvironmentSpec spec = environment.spec();
        jdbc.sql("""
                        INSERT INTO environments (app, name, revision, version, commit, overrides, secret_overrides, ttl,
                                                  tags, description, status, status_reason, last_deployment_id,
                                                  created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?::jsonb, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (app, name) DO UPDATE SET revision = excluded.revision, version = excluded.version,
                            commit = excluded.commit, overrides = excluded.overrides,
                            secret_overrides = excluded.secret_overrides, ttl = excluded.ttl, tags = excluded.tags,
                            description = excluded.description, status = excluded.status,
                            status_reason = excluded.status_reason, last_deployment_id = excluded.last_deployment_id,
                            updated_at = excluded.updated_at""")
                .params(
                        environment.app(),
                        environment.name(),
                        environment.revision(),
                        spec.version(),
                        spec.commit(),
                        JsonColumns.write(spec.overrides()),
                        JsonColumns.write(spec.sealedSecrets()),
                        ttl(spec.ttl()),
                        JsonColumns.write(spec.tags()),
                        spec.description(),
                        environment.status().name(),
                        environment.statusReason(),
                        deploymentId.id(),
                        Timestamp.from(at),
                        Timestamp.from(at))
                .update();
        saveRevision(environment, commandId, deploymentId, actor, at);
    }

    private void saveRevision(
            Environment environment, CommandId commandId, DeploymentId deploymentId, String actor, Instant at) {
        EnvironmentSpec spec = environment.spec();
        jdbc.sql("""
                        INSERT INTO environment_spec_revisions (app, environment, revision, version, commit, overrides,
                                                                secret_overrides, ttl, tags, description, command_id,
                                                                deployment_id, actor, created_at)
                        VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?::jsonb, ?, ?, ?, ?, ?)""")
                .params(
                        environment.app(),
                        environment.name(),
                        environment.revision(),
                        spec.version(),
                        spec.commit(),
                        JsonColumns.write(spec.overrides()),
                        JsonColumns.write(spec.sealedSecrets()),
                        ttl(spec.ttl()),
                        JsonColumns.write(spec.tags()),
                        spec.description(),
                        commandId.id(),
                        deploymentId.id(),
                        actor,
                        Timestamp.from(at))
                .update();
    }

    /**
     * Records a status the worker reports, unless a later report (by the worker's sequence) was
     * recorded already. False if the environment is unknown or the report is stale.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean recordReportedStatus(
            String app, String name, EnvironmentStatus status, @Nullable String reason, long sequence, Instant at) {
        return jdbc.sql("""
                                UPDATE environments SET status = ?, status_reason = ?, worker_sequence = ?, updated_at = ?
                                WHERE app = ? AND name = ? AND worker_sequence < ?""")
                        .params(status.name(), reason, sequence, Timestamp.from(at), app, name, sequence)
                        .update()
                == 1;
    }

    private static @Nullable String ttl(@Nullable Duration ttl) {
        return ttl == null ? null : ttl.toString();
    }

    private static Environment environment(ResultSet rs) throws SQLException {
        String ttl = rs.getString("ttl");
        EnvironmentSpec spec = new EnvironmentSpec(
                rs.getString("version"),
                rs.getString("commit"),
                JsonColumns.stringMap(rs.getString("overrides")),
                JsonColumns.stringMap(rs.getString("secret_overrides")),
                ttl == null ? null : Duration.parse(ttl),
                JsonColumns.stringList(rs.getString("tags")),
                rs.getString("description"));
        return new Environment(
                rs.getString("app"),
                rs.getString("name"),
                rs.getInt("revision"),
                spec,
                EnvironmentStatus.valueOf(rs.getString("status")),
                rs.getString("status_reason"));
    }
}
