package dev.stagecraft.command.deployment;

import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.DeploymentStatus;
import dev.stagecraft.contracts.job.DeploymentJob;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The {@code deployments} table: each deployment command-service started and its last known status. */
@Repository
public class Deployments {

    /** A deployment as command-service knows it. */
    public record Known(DeploymentId id, String app, String environment, String operation, DeploymentStatus status) {}

    private final JdbcClient jdbc;

    Deployments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the deployment a job starts, QUEUED. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void queued(DeploymentJob job, Instant at) {
        jdbc.sql("""
                        INSERT INTO deployments (id, app, environment, operation, version, command_id, actor, status,
                                                 created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, 'QUEUED', ?, ?)""")
                .params(
                        job.deploymentId().id(),
                        job.app(),
                        job.environment(),
                        job.operation().name(),
                        job.version(),
                        job.commandId().id(),
                        job.actor(),
                        Timestamp.from(at),
                        Timestamp.from(at))
                .update();
    }

    public Optional<Known> find(DeploymentId id) {
        return jdbc.sql("SELECT id, app, environment, operation, status FROM deployments WHERE id = ?")
                .param(id.id())
                .query((rs, row) -> new Known(
                        id,
                        rs.getString("app"),
                        rs.getString("environment"),
                        rs.getString("operation"),
                        DeploymentStatus.valueOf(rs.getString("status"))))
                .optional();
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
}
