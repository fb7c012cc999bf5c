package dev.stagecraft.command.deployment;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.DeploymentStatus;
import dev.stagecraft.contracts.job.DeploymentJob;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code deployments} table: each deployment command-service started or holds for approval, and its last
 * known status.
 */
@Repository
public class Deployments {

    /**
     * A deployment as command-service knows it.
     *
     * @param actor who requested it
     * @param commit the commit recorded for its version when it was requested
     * @param fromVersion the version it replaces, as recorded when it was requested (for one awaiting approval)
     * @param force whether the promotion that requested it skips the previous-stage rule
     */
    public record Known(
            DeploymentId id,
            String app,
            String environment,
            String operation,
            DeploymentStatus status,
            String version,
            String actor,
            @Nullable String commit,
            @Nullable String fromVersion,
            boolean force) {}

    /** A deployment to hold for approval: no job exists for it yet. */
    public record Held(
            DeploymentId id,
            CommandId commandId,
            String actor,
            String app,
            String environment,
            String version,
            @Nullable String commit,
            @Nullable String fromVersion,
            boolean force) {}

    private final JdbcClient jdbc;

    Deployments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the deployment a job starts, QUEUED; one that awaited approval keeps its row (requester, force)
     * and becomes QUEUED.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void queued(DeploymentJob job, Instant at) {
        jdbc.sql("""
                        INSERT INTO deployments (id, app, environment, operation, version, commit, command_id, actor,
                                                 status, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'QUEUED', ?, ?)
                        ON CONFLICT (id) DO UPDATE SET status = 'QUEUED', version = excluded.version,
                            commit = excluded.commit, updated_at = excluded.updated_at""")
                .params(
                        job.deploymentId().id(),
                        job.app(),
                        job.environment(),
                        job.operation().name(),
                        job.version(),
                        job.commit(),
                        job.commandId().id(),
                        job.actor(),
                        Timestamp.from(at),
                        Timestamp.from(at))
                .update();
    }

    /** Records a deployment held for approval: AWAITING_APPROVAL, no job yet. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void awaitingApproval(Held held, Instant at) {
        jdbc.sql("""
                        INSERT INTO deployments (id, app, environment, operation, version, commit, from_version, force,
                                                 command_id, actor, status, created_at, updated_at)
                        VALUES (?, ?, ?, 'DEPLOY', ?, ?, ?, ?, ?, ?, 'AWAITING_APPROVAL', ?, ?)""")
                .params(
                        held.id().id(),
                        held.app(),
                        held.environment(),
                        held.version(),
                        held.commit(),
                        held.fromVersion(),
                        held.force(),
                        held.commandId().id(),
                        held.actor(),
                        Timestamp.from(at),
                        Timestamp.from(at))
                .update();
    }

    /**
     * Records how a deployment awaiting approval was answered (APPROVED, REJECTED, CANCELLED), by whom, with
     * what comment. False if it no longer awaited approval.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean answered(DeploymentId id, DeploymentStatus status, String by, @Nullable String comment, Instant at) {
        return jdbc.sql("""
                                UPDATE deployments SET status = ?, decided_by = ?, decision_comment = ?, decided_at = ?,
                                    updated_at = ?
                                WHERE id = ? AND status = 'AWAITING_APPROVAL'""")
                        .params(status.name(), by, comment, Timestamp.from(at), Timestamp.from(at), id.id())
                        .update()
                == 1;
    }

    public Optional<Known> find(DeploymentId id) {
        return jdbc.sql("SELECT * FROM deployments WHERE id = ?")
                .param(id.id())
                .query((rs, row) -> known(rs))
                .optional();
    }

    /** The deployment of the environment that awaits approval, if any (there is at most one). */
    public Optional<Known> awaitingApprovalIn(String app, String environment) {
        return jdbc.sql("""
                        SELECT * FROM deployments WHERE app = ? AND environment = ? AND status = 'AWAITING_APPROVAL'
                        ORDER BY created_at LIMIT 1""")
                .params(app, environment)
                .query((rs, row) -> known(rs))
                .optional();
    }

    /**
     * The versions whose DEPLOY deployment SUCCEEDED in the environment, the most recent success first, each
     * once: what a rollback may return to.
     */
    public List<String> succeededVersions(String app, String environment) {
        return jdbc.sql("""
                        SELECT version FROM deployments
                        WHERE app = ? AND environment = ? AND operation = 'DEPLOY' AND status = 'SUCCEEDED'
                        GROUP BY version ORDER BY max(updated_at) DESC, max(created_at) DESC""")
                .params(app, environment)
                .query((rs, row) -> rs.getString("version"))
                .list();
    }

    /**
     * Records what the worker reports of a deployment. A deployment never goes back: a report of RUNNING
     * after one of its end is ignored.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void reported(DeploymentId id, DeploymentStatus status, Instant at) {
        jdbc.sql("UPDATE deployments SET status = ?, updated_at = ? WHERE id = ? AND status IN ('QUEUED', 'RUNNING')")
                .params(status.name(), Timestamp.from(at), id.id())
                .update();
    }

    private static Known known(ResultSet rs) throws SQLException {
        return new Known(
                new DeploymentId(rs.getObject("id", UUID.class)),
                rs.getString("app"),
                rs.getString("environment"),
                rs.getString("operation"),
                DeploymentStatus.valueOf(rs.getString("status")),
                rs.getString("version"),
                rs.getString("actor"),
                rs.getString("commit"),
                rs.getString("from_version"),
                rs.getBoolean("force"));
    }
}
