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
import java.time.Duration;
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

    /**
     * Records a job as a deployment in {@code status} (QUEUED, or SUPERSEDED when a later one already started);
     * false if its deployment id is already known.
     */
    boolean insert(DeploymentJob job, DeploymentStatus status, @Nullable String fromVersion, Instant queuedAt) {
        return jdbc.sql("""
                        INSERT INTO deployment (id, app, environment, operation, status, from_version, to_version,
                          actor, command_id, job, requested_at, queued_at, job_sequence, finished_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)
                        ON CONFLICT (id) DO NOTHING""")
                        .params(
                                job.deploymentId().id(),
                                job.app(),
                                job.environment(),
                                job.operation().name(),
                                status.name(),
                                fromVersion,
                                job.version(),
                                job.actor(),
                                job.commandId().id(),
                                MessageCodec.instance().encodeToString(job),
                                Timestamp.from(job.requestedAt()),
                                Timestamp.from(queuedAt),
                                job.sequence(),
                                status.isFinal() ? Timestamp.from(queuedAt) : null)
                        .update()
                == 1;
    }

    /**
     * The highest job sequence of the environment's deployments that started (or ended) after {@code sequence},
     * if any: a job of that sequence arrived too late to run in order.
     */
    Optional<Long> startedAfter(String app, String environment, long sequence) {
        return jdbc.sql("""
                        SELECT max(job_sequence) FROM deployment
                        WHERE app = ? AND environment = ? AND job_sequence > ? AND started_at IS NOT NULL""")
                .params(app, environment, sequence)
                .query(Long.class)
                .optional();
    }

    /**
     * True while {@code next} must wait for the job just before it in the environment's sequence: that job
     * has not arrived yet, and {@code next} has waited less than {@code patience} (after which it runs anyway,
     * so that a job lost on the way cannot hold the queue forever).
     */
    boolean awaitsPredecessor(Deployment next, Instant now, Duration patience) {
        long sequence = next.job().sequence();
        if (sequence <= 1) {
            return false;
        }
        return jdbc.sql("""
                        SELECT NOT EXISTS (SELECT 1 FROM deployment WHERE app = ? AND environment = ? AND job_sequence = ?)
                           AND (SELECT queued_at FROM deployment WHERE id = ?) > ?""")
                .params(
                        next.app(),
                        next.environment(),
                        sequence - 1,
                        next.id().id(),
                        Timestamp.from(now.minus(patience)))
                .query(Boolean.class)
                .single();
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
                          AND (d.job_sequence, d.queue_position) < (me.job_sequence, me.queue_position)""").params(id.id()).query(Integer.class).single();
    }

    /** The environment's RUNNING deployment and its lease, if one runs. */
    Optional<Leased> running(String app, String environment) {
        return jdbc.sql("SELECT " + COLUMNS + ", worker_id, lease_expires_at, attempts FROM deployment"
                        + " WHERE app = ? AND environment = ? AND status = 'RUNNING'")
                .params(app, environment)
                .query((row, n) -> {
                    Timestamp lease = row.getTimestamp("lease_expires_at");
                    return new Leased(
                            map(row, n),
                            row.getString("worker_id"),
                            lease == null ? Instant.EPOCH : lease.toInstant(),
                            row.getInt("attempts"));
                })
                .optional();
    }

    /** A RUNNING deployment, the worker that holds it and until when. */
    record Leased(Deployment deployment, @Nullable String workerId, Instant leaseExpiresAt, int attempts) {

        boolean expiredAt(Instant now) {
            return leaseExpiresAt.isBefore(now);
        }
    }

    Optional<Deployment> nextQueued(String app, String environment) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM deployment WHERE app = ? AND environment = ? AND status = 'QUEUED'"
                        + " ORDER BY job_sequence, queue_position LIMIT 1")
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

    /**
     * The environments with work for any worker: a queued deployment, or a running one whose lease ran out
     * (its worker died).
     */
    List<EnvironmentKey> environmentsWithWork(Instant now) {
        return jdbc.sql("""
                        SELECT DISTINCT app, environment FROM deployment
                        WHERE status = 'QUEUED' OR (status = 'RUNNING' AND lease_expires_at < ?)""")
                .params(Timestamp.from(now))
                .query((row, n) -> new EnvironmentKey(row.getString("app"), row.getString("environment")))
                .list();
    }

    List<Deployment> runningOn(String workerId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM deployment WHERE status = 'RUNNING' AND worker_id = ?")
                .params(workerId)
                .query(DeploymentRepository::map)
                .list();
    }

    void markRunning(DeploymentId id, Instant startedAt, String workerId, Instant leaseUntil) {
        jdbc.sql("""
                        UPDATE deployment SET status = 'RUNNING', started_at = ?, worker_id = ?, lease_expires_at = ?,
                          attempts = attempts + 1
                        WHERE id = ? AND status = 'QUEUED'""")
                .params(Timestamp.from(startedAt), workerId, Timestamp.from(leaseUntil), id.id())
                .update();
    }

    /** Gives a RUNNING deployment whose worker died to {@code workerId}, for one more attempt. */
    void takeOver(DeploymentId id, String workerId, Instant leaseUntil) {
        jdbc.sql("""
                        UPDATE deployment SET worker_id = ?, lease_expires_at = ?, attempts = attempts + 1
                        WHERE id = ? AND status = 'RUNNING'""").params(workerId, Timestamp.from(leaseUntil), id.id()).update();
    }

    /** Extends the leases of every deployment {@code workerId} runs; how many it holds. */
    int renewLeases(String workerId, Instant leaseUntil) {
        return jdbc.sql("UPDATE deployment SET lease_expires_at = ? WHERE worker_id = ? AND status = 'RUNNING'")
                .params(Timestamp.from(leaseUntil), workerId)
                .update();
    }

    void finish(DeploymentId id, DeploymentStatus status, Instant at, @Nullable String error, @Nullable String step) {
        jdbc.sql("UPDATE deployment SET status = ?, finished_at = ?, error = ?, failed_step = ? WHERE id = ?")
                .params(status.name(), Timestamp.from(at), error, step, id.id())
                .update();
    }

    /**
     * Ends a RUNNING deployment that {@code workerId} still holds; false if another worker took it over
     * meanwhile (this worker's lease ran out), in which case nothing changes.
     */
    boolean finishHeld(
            DeploymentId id,
            String workerId,
            DeploymentStatus status,
            Instant at,
            @Nullable String error,
            @Nullable String step) {
        return jdbc.sql("""
                                UPDATE deployment SET status = ?, finished_at = ?, error = ?, failed_step = ?
                                WHERE id = ? AND status = 'RUNNING' AND worker_id = ?""")
                        .params(status.name(), Timestamp.from(at), error, step, id.id(), workerId)
                        .update()
                == 1;
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
