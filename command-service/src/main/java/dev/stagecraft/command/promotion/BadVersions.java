package dev.stagecraft.command.promotion;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.DeploymentId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code bad_versions} table: versions an environment was rolled back from. Auto-promotion does not bring
 * such a version back there; deploying it there explicitly clears the mark.
 */
@Repository
class BadVersions {

    /** Why a version is bad for an environment: who rolled it back, when. */
    record Mark(String version, String markedBy, Instant markedAt) {

        String sentence(String app, String environment) {
            return app + " " + version + " is marked bad for " + environment + " (" + markedBy + " rolled it back at "
                    + markedAt + ")";
        }
    }

    private final JdbcClient jdbc;

    BadVersions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void mark(
            String app,
            String environment,
            String version,
            String by,
            Instant at,
            CommandId commandId,
            DeploymentId deploymentId) {
        jdbc.sql("""
                        INSERT INTO bad_versions (app, environment, version, marked_by, marked_at, command_id,
                                                  deployment_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (app, environment, version) DO UPDATE SET marked_by = excluded.marked_by,
                            marked_at = excluded.marked_at, command_id = excluded.command_id,
                            deployment_id = excluded.deployment_id""")
                .params(app, environment, version, by, Timestamp.from(at), commandId.id(), deploymentId.id())
                .update();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void clear(String app, String environment, String version) {
        jdbc.sql("DELETE FROM bad_versions WHERE app = ? AND environment = ? AND version = ?")
                .params(app, environment, version)
                .update();
    }

    Optional<Mark> find(String app, String environment, String version) {
        return jdbc.sql("""
                        SELECT version, marked_by, marked_at FROM bad_versions
                        WHERE app = ? AND environment = ? AND version = ?""")
                .params(app, environment, version)
                .query((rs, row) -> new Mark(
                        rs.getString("version"),
                        rs.getString("marked_by"),
                        rs.getTimestamp("marked_at").toInstant()))
                .optional();
    }
}
