package dev.stagecraft.command.lock;

import dev.stagecraft.contracts.CommandId;
import java.sql.Timestamp;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The {@code environment_locks} table. */
@Repository
class Locks {

    private final JdbcClient jdbc;

    Locks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The lock on an environment, if any. Callers hold the environment's lock (see
     * {@code Applications.lockForEnvironment}), so locking and deploying are decided one at a time.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<EnvironmentLock> find(String app, String environment) {
        return jdbc.sql("SELECT * FROM environment_locks WHERE app = ? AND environment = ?")
                .params(app, environment)
                .query((rs, row) -> new EnvironmentLock(
                        rs.getString("app"),
                        rs.getString("environment"),
                        rs.getString("holder"),
                        rs.getString("reason"),
                        rs.getTimestamp("locked_at").toInstant()))
                .optional();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void save(EnvironmentLock lock, CommandId commandId) {
        jdbc.sql("""
                        INSERT INTO environment_locks (app, environment, holder, reason, locked_at, command_id)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (app, environment) DO UPDATE SET holder = excluded.holder,
                            reason = excluded.reason, locked_at = excluded.locked_at, command_id = excluded.command_id""")
                .params(
                        lock.app(),
                        lock.environment(),
                        lock.holder(),
                        lock.reason(),
                        Timestamp.from(lock.lockedAt()),
                        commandId.id())
                .update();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void delete(String app, String environment) {
        jdbc.sql("DELETE FROM environment_locks WHERE app = ? AND environment = ?")
                .params(app, environment)
                .update();
    }

    /**
     * True if the environment has been created (and not cleaned up). Reads the environment feature's table of the
     * same schema: the environment package depends on this one (for {@link LockGuard}), not the other way round.
     */
    boolean environmentExists(String app, String environment) {
        return jdbc.sql("SELECT count(*) FROM environments WHERE app = ? AND name = ? AND status <> 'CLEANED'")
                        .params(app, environment)
                        .query(Long.class)
                        .single()
                > 0;
    }
}
