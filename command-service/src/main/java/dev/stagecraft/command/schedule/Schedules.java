package dev.stagecraft.command.schedule;

import dev.stagecraft.contracts.EnvironmentStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The schedule columns of the {@code environments} table: {@code expires_at} and {@code cleanup_at}. */
@Repository
class Schedules {

    private final JdbcClient jdbc;

    Schedules(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Schedule> find(String app, String name) {
        return jdbc.sql("SELECT expires_at, cleanup_at FROM environments WHERE app = ? AND name = ?")
                .params(app, name)
                .query((rs, row) -> schedule(rs))
                .optional();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void save(String app, String name, Schedule schedule) {
        jdbc.sql("UPDATE environments SET expires_at = ?, cleanup_at = ? WHERE app = ? AND name = ?")
                .params(utc(schedule.expiresAt()), utc(schedule.cleanupAt()), app, name)
                .update();
    }

    /**
     * Arms the cleanup of an environment that is ARCHIVED by decision, has no cleanup armed yet (a repeated
     * report does not postpone it) and is not a stage of its application's pipeline (Stagecraft never removes
     * a stage's data by itself). The new schedule, or empty if nothing changed.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<Schedule> armCleanup(String app, String name, Instant cleanupAt) {
        return jdbc.sql("""
                        UPDATE environments e SET cleanup_at = ?
                        WHERE e.app = ? AND e.name = ? AND e.status = 'ARCHIVED' AND e.cleanup_at IS NULL
                          AND NOT EXISTS (SELECT 1 FROM pipeline_stages s WHERE s.app = e.app AND s.environment = e.name)
                        RETURNING e.expires_at, e.cleanup_at""")
                .params(utc(cleanupAt), app, name)
                .query((rs, row) -> schedule(rs))
                .optional();
    }

    /** Clears {@code expires_at} if it still is {@code deadline}; the new schedule, or empty if it was not. */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<Schedule> clearExpiry(String app, String name, Instant deadline) {
        return jdbc.sql("""
                        UPDATE environments SET expires_at = NULL WHERE app = ? AND name = ? AND expires_at = ?
                        RETURNING expires_at, cleanup_at""")
                .params(app, name, utc(deadline))
                .query((rs, row) -> schedule(rs))
                .optional();
    }

    /** Clears {@code cleanup_at} if it still is {@code deadline}; the new schedule, or empty if it was not. */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<Schedule> clearCleanup(String app, String name, Instant deadline) {
        return jdbc.sql("""
                        UPDATE environments SET cleanup_at = NULL WHERE app = ? AND name = ? AND cleanup_at = ?
                        RETURNING expires_at, cleanup_at""")
                .params(app, name, utc(deadline))
                .query((rs, row) -> schedule(rs))
                .optional();
    }

    /** Environments whose ttl passed by {@code now}, earliest first, at most {@code limit}. */
    List<Due> expiredBy(Instant now, int limit) {
        return due("expires_at", now, limit);
    }

    /** Environments whose retention ended by {@code now}, earliest first, at most {@code limit}. */
    List<Due> retentionEndedBy(Instant now, int limit) {
        return due("cleanup_at", now, limit);
    }

    /**
     * A locked environment is not due: the scheduler acts as {@code system:ttl} / {@code system:retention}, never
     * the holder, so it waits until the lock is released and acts on the first pass after that.
     */
    private List<Due> due(String column, Instant now, int limit) {
        return jdbc.sql("SELECT app, name, status, " + column + " AS deadline FROM environments e WHERE " + column
                        + " <= ? AND NOT EXISTS (SELECT 1 FROM environment_locks l"
                        + " WHERE l.app = e.app AND l.environment = e.name) ORDER BY " + column + " LIMIT ?")
                .params(utc(now), limit)
                .query((rs, row) -> new Due(
                        rs.getString("app"),
                        rs.getString("name"),
                        rs.getObject("deadline", OffsetDateTime.class).toInstant(),
                        EnvironmentStatus.valueOf(rs.getString("status"))))
                .list();
    }

    private static Schedule schedule(ResultSet rs) throws SQLException {
        return new Schedule(instant(rs, "expires_at"), instant(rs, "cleanup_at"));
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
