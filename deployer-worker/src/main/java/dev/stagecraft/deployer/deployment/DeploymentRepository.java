package dev.stagecraft.deployer.deployment;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.DeploymentStatus;
import dev.stagecraft.contracts.MessageCodec;
import dev.stagecraft.contracts.Operation;
import dev.stagecraft.contracts.job.DeploymentJob;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code deployment} table: every deployment and the FIFO queue of each environment. */
@Repository
class DeploymentRepository {

    private static final String COLUMNS = "id, app, environment, operation, status, from_version, to_version, actor, "
            + "command_id, job::text AS job, requested_at, started_at";

    private final JdbcClient jdbc;

    DeploymentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a job as a QUEUED deployment; false if its deployment id is already known. */
    boolean insertQueued(DeploymentJob job, @Nullable String fromVersion, Instant queuedAt) {
        return jdbc.sql("""
                        INSERT INTO deployment (id, app, environment, operation, status, from_version, to_version,
                          actor, command_id, job, requested_at, queued_at)
                        VALUES (?, ?, ?, ?, 'QUEUED', ?, ?, ?, ?, ?::jsonb, ?, ?)
                        ON CONFLICT (id) DO NOTHING""")
                        .params(
                                job.deploymentId().id(),
                                job.app(),
                                job.environment(),
                                job.operation().name(),
                                fromVersion,
                                job.version(),
                                job.actor(),
                                job.commandId().id(),
                                MessageCodec.instance().encodeToString(job),
                                Timestamp.from(job.requestedAt()),
                                Timestamp.from(queuedAt))
                        .update()
                == 1;
    }

    Optional<Deployment> find(DeploymentId id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM deployment WHERE id = ?")
                .params(id.id())
                .query(DeploymentRepository::map)
                .optional();
    }

    /** How many queued deployments of the same environment come first; 0 means next. */
    int position(DeploymentId id) {
        return jdbc.sql("""
                        SELECT count(*) FROM deployment d JOIN deployment me ON me.id = ?
                        WHERE d.app = me.app AND d.environment = me.environment AND d.status = 'QUEUED'
                          AND d.queue_position < me.queue_position""").params(id.id()).query(Integer.class).single();
    }

    boolean hasRunning(String app, String environment) {
        return jdbc.sql("SELECT count(*) FROM deployment WHERE app = ? AND environment = ? AND status = 'RUNNING'")
                        .params(app, environment)
                        .query(Integer.class)
                        .single()
                > 0;
    }

    Optional<Deployment> nextQueued(String app, String environment) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM deployment WHERE app = ? AND environment = ? AND status = 'QUEUED'"
                        + " ORDER BY queue_position LIMIT 1")
                .params(app, environment)
                .query(DeploymentRepository::map)
                .optional();
    }

    /** The environments with a queued deployment, as {@code app/environment} keys. */
    List<EnvironmentKey> environmentsWithQueued() {
        return jdbc.sql("SELECT DISTINCT app, environment FROM deployment WHERE status = 'QUEUED'")
                .query((row, n) -> new EnvironmentKey(row.getString("app"), row.getString("environment")))
                .list();
    }

    List<Deployment> runningOn(String workerId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM deployment WHERE status = 'RUNNING' AND worker_id = ?")
                .params(workerId)
                .query(DeploymentRepository::map)
                .list();
    }

    void markRunning(DeploymentId id, Instant startedAt, String workerId) {
        jdbc.sql(
                        "UPDATE deployment SET status = 'RUNNING', started_at = ?, worker_id = ? WHERE id = ? AND status = 'QUEUED'")
                .params(Timestamp.from(startedAt), workerId, id.id())
                .update();
    }

    void finish(DeploymentId id, DeploymentStatus status, Instant at, @Nullable String error, @Nullable String step) {
        jdbc.sql("UPDATE deployment SET status = ?, finished_at = ?, error = ?, failed_step = ? WHERE id = ?")
                .params(status.name(), Timestamp.from(at), error, step, id.id())
                .update();
    }

    /** Cancels a deployment that has not started; false if it is not QUEUED (any more). */
    boolean cancelIfQueued(DeploymentId id, Instant at, String reason) {
        return jdbc.sql(
                                "UPDATE deployment SET status = 'CANCELLED', finished_at = ?, error = ? WHERE id = ? AND status = 'QUEUED'")
                        .params(Timestamp.from(at), reason, id.id())
                        .update()
                == 1;
    }

    private static Deployment map(ResultSet row, int number) throws SQLException {
        Timestamp started = row.getTimestamp("started_at");
        return new Deployment(
                new DeploymentId(row.getObject("id", java.util.UUID.class)),
                row.getString("app"),
                row.getString("environment"),
                Operation.valueOf(row.getString("operation")),
                DeploymentStatus.valueOf(row.getString("status")),
                row.getString("from_version"),
                row.getString("to_version"),
                row.getString("actor"),
                new CommandId(row.getObject("command_id", java.util.UUID.class)),
                MessageCodec.instance().mapper().readValue(row.getString("job"), DeploymentJob.class),
                row.getTimestamp("requested_at").toInstant(),
                started == null ? null : started.toInstant());
    }
}
