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
                                                  created_at, updated_at, job_sequence, last_command_id)
                        VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (app, name) DO UPDATE SET revision = excluded.revision, version = excluded.version,
                            commit = excluded.commit, overrides = excluded.overrides,
                            secret_overrides = excluded.secret_overrides, ttl = excluded.ttl, tags = excluded.tags,
                            description = excluded.description, status = excluded.status,
                            status_reason = excluded.status_reason, last_deployment_id = excluded.last_deployment_id,
                            updated_at = excluded.updated_at, job_sequence = excluded.job_sequence,
                            last_command_id = excluded.last_command_id""")
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
                        Timestamp.from(at),
                        environment.jobSequence(),
                        commandId.id())
                .update();
        saveRevision(environment, commandId, deploymentId, actor, at);
    }

    /** Stores the status an accepted lifecycle command (archive, restore, cleanup) moved the environment to. */
    @Transactional(propagation = Propagation.MANDATORY)
    void saveStatus(Environment environment, CommandId commandId, DeploymentId deploymentId, Instant at) {
        jdbc.sql("""
                        UPDATE environments SET status = ?, status_reason = NULL, job_sequence = ?, last_command_id = ?,
                            last_deployment_id = ?, updated_at = ?
                        WHERE app = ? AND name = ?""")
                .params(
                        environment.status().name(),
                        environment.jobSequence(),
                        commandId.id(),
                        deploymentId.id(),
                        Timestamp.from(at),
                        environment.app(),
                        environment.name())
                .update();
    }

    /** The environment, its row locked until the transaction ends. */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<Environment> lock(String app, String name) {
        return jdbc.sql("SELECT * FROM environments WHERE app = ? AND name = ? FOR UPDATE")
                .params(app, name)
                .query((rs, row) -> environment(rs))
                .optional();
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
     * Records a status the worker reports, unless a later report (by the worker's sequence) was recorded
     * already. The report also becomes the decided status when it answers the command that decided it (or,
     * for a report no command caused, a periodic check, when no command is pending): a report about an older
     * command must not undo what a newer one decided. False if the environment is unknown or the report is
     * stale.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean recordReportedStatus(
            String app,
            String name,
            EnvironmentStatus status,
            @Nullable String reason,
            @Nullable CommandId causedBy,
            long sequence,
            Instant at) {
        return jdbc.sql("""
                                UPDATE environments SET reported_status = :status, reported_reason = :reason,
                                    worker_sequence = :sequence, updated_at = :at,
                                    status = CASE WHEN last_command_id IS NULL OR last_command_id = :cause
                                                    OR (CAST(:cause AS uuid) IS NULL AND status NOT LIKE '%\\_PENDING')
                                                  THEN :status ELSE status END,
                                    status_reason = CASE WHEN last_command_id IS NULL OR last_command_id = :cause
                                                    OR (CAST(:cause AS uuid) IS NULL AND status NOT LIKE '%\\_PENDING')
                                                  THEN :reason ELSE status_reason END
                                WHERE app = :app AND name = :name AND worker_sequence < :sequence""")
                        .param("status", status.name())
                        .param("reason", reason)
                        .param("sequence", sequence)
                        .param("at", Timestamp.from(at))
                        .param("cause", causedBy == null ? null : causedBy.id())
                        .param("app", app)
                        .param("name", name)
                        .update()
                == 1;
    }

    /**
     * The deployment that decided the environment's status was cancelled before it started: the status goes
     * back to what the worker last reported (CLEANED, with nothing reported: the environment never existed).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void revertCancelled(String app, String name, DeploymentId cancelled, Instant at) {
        jdbc.sql("""
                        UPDATE environments SET status = coalesce(reported_status, 'CLEANED'),
                            status_reason = coalesce(reported_reason, 'its creation was cancelled'),
                            last_command_id = NULL, updated_at = ?
                        WHERE app = ? AND name = ? AND last_deployment_id = ?""").params(Timestamp.from(at), app, name, cancelled.id()).update();
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
                rs.getString("status_reason"),
                rs.getLong("job_sequence"));
    }
}
