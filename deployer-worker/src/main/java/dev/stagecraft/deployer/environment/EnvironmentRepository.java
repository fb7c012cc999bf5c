package dev.stagecraft.deployer.environment;

import dev.stagecraft.contracts.DeploymentStatus;
import dev.stagecraft.contracts.EnvironmentStatus;
import dev.stagecraft.contracts.FailureReason;
import dev.stagecraft.contracts.MessageCodec;
import dev.stagecraft.contracts.job.DeploymentJob;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The {@code environment} table. */
@Repository
public class EnvironmentRepository {

    private static final String COLUMNS = "app, name, status, status_reason, failure_reason, actual_version, "
            + "desired_spec::text AS desired_spec, process_pid, process_started_at, process_port, work_dir";

    private final JdbcClient jdbc;
    private final Clock clock;

    public EnvironmentRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Makes sure a row exists to lock; a new row is an environment that does not exist yet ([*]). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void ensureExists(String app, String name) {
        jdbc.sql("INSERT INTO environment (app, name) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(app, name)
                .update();
    }

    /** Reads and locks the environment until the transaction ends: one claimer at a time, across workers. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Environment lock(String app, String name) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM environment WHERE app = ? AND name = ? FOR UPDATE")
                .params(app, name)
                .query(EnvironmentRepository::map)
                .single();
    }

    public Optional<Environment> find(String app, String name) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM environment WHERE app = ? AND name = ?")
                .params(app, name)
                .query(EnvironmentRepository::map)
                .optional();
    }

    public List<Environment> findByStatus(EnvironmentStatus status) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM environment WHERE status = ? ORDER BY app, name")
                .params(status.name())
                .query(EnvironmentRepository::map)
                .list();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void save(Environment environment) {
        Deployed deployed = environment.deployed();
        jdbc.sql("""
                        UPDATE environment SET status = ?, status_reason = ?, failure_reason = ?, actual_version = ?,
                          driver = ?, desired_spec = ?::jsonb, process_pid = ?, process_started_at = ?,
                          process_port = ?, work_dir = ?, updated_at = ?
                        WHERE app = ? AND name = ?""")
                .params(
                        name(environment.status()),
                        environment.statusReason(),
                        name(environment.failure()),
                        environment.actualVersion(),
                        deployed == null ? null : deployed.job().driver(),
                        deployed == null ? null : MessageCodec.instance().encodeToString(deployed.job()),
                        deployed == null ? null : deployed.pid(),
                        deployed == null ? null : timestamp(deployed.started()),
                        deployed == null ? null : deployed.port(),
                        deployed == null ? null : deployed.location(),
                        Timestamp.from(clock.instant()),
                        environment.app(),
                        environment.name())
                .update();
    }

    private static Environment map(ResultSet row, int number) throws SQLException {
        String status = row.getString("status");
        String failure = row.getString("failure_reason");
        return new Environment(
                row.getString("app"),
                row.getString("name"),
                status == null ? null : EnvironmentStatus.valueOf(status),
                row.getString("status_reason"),
                failure == null ? null : FailureReason.valueOf(failure),
                row.getString("actual_version"),
                deployed(row));
    }

    private static @Nullable Deployed deployed(ResultSet row) throws SQLException {
        String spec = row.getString("desired_spec");
        if (spec == null) {
            return null;
        }
        DeploymentJob job = MessageCodec.instance().mapper().readValue(spec, DeploymentJob.class);
        long pid = row.getLong("process_pid");
        Long pidOrNull = row.wasNull() ? null : pid;
        int port = row.getInt("process_port");
        Integer portOrNull = row.wasNull() ? null : port;
        Timestamp started = row.getTimestamp("process_started_at");
        return new Deployed(
                job, pidOrNull, started == null ? null : started.toInstant(), portOrNull, row.getString("work_dir"));
    }

    private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static @Nullable String name(@Nullable Enum<?> value) {
        return value == null ? null : value.name();
    }

    /**
     * Claims up to {@code limit} environments due for a status check at {@code now}: RUNNING or FAILURE, with a
     * recorded workload, no deployment RUNNING or QUEUED, and a {@code next_check_at} not after {@code now}. Their
     * next check moves to {@code next} in the same statement, which skips rows other transactions hold (another
     * worker's claim, a deployment being claimed): workers sharing the database never claim an environment twice
     * for one interval. Longest-waiting first. Each comes with its {@code updated_at} as of the claim, so that a
     * check's result can be recorded only if nothing changed the environment meanwhile.
     */
    public List<DueForCheck> claimDueForCheck(Instant now, Instant next, int limit) {
        return jdbc.sql("UPDATE environment SET next_check_at = :next WHERE (app, name) IN ("
                        + " SELECT e.app, e.name FROM environment e"
                        + " WHERE e.status IN ('RUNNING', 'FAILURE') AND e.desired_spec IS NOT NULL"
                        + "   AND (e.next_check_at IS NULL OR e.next_check_at <= :now)"
                        + "   AND NOT EXISTS (SELECT 1 FROM deployment d WHERE d.app = e.app AND d.environment = e.name"
                        + "     AND d.status IN ('RUNNING', 'QUEUED'))"
                        + " ORDER BY e.next_check_at NULLS FIRST, e.app, e.name LIMIT :limit"
                        + " FOR UPDATE SKIP LOCKED) RETURNING " + COLUMNS + ", updated_at")
                .param("next", Timestamp.from(next))
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .query((row, number) -> new DueForCheck(
                        map(row, number), row.getTimestamp("updated_at").toInstant()))
                .list();
    }

    /**
     * Up to {@code limit} environments in a {@code *_PENDING} status that have not changed since before
     * {@code updatedBefore} while no deployment of theirs is RUNNING.
     */
    public List<Environment> findPendingWithoutRunningDeployment(Instant updatedBefore, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM environment e WHERE e.status IN (:pending)"
                        + " AND e.updated_at < :before AND NOT EXISTS (SELECT 1 FROM deployment d"
                        + " WHERE d.app = e.app AND d.environment = e.name AND d.status = 'RUNNING')"
                        + " ORDER BY e.updated_at, e.app, e.name LIMIT :limit")
                .param("pending", pendingStatuses())
                .param("before", Timestamp.from(updatedBefore))
                .param("limit", limit)
                .query(EnvironmentRepository::map)
                .list();
    }

    /** When the environment last changed ({@code updated_at}, set by {@link #save}). */
    public Instant updatedAt(String app, String name) {
        return jdbc.sql("SELECT updated_at FROM environment WHERE app = ? AND name = ?")
                .params(app, name)
                .query(Timestamp.class)
                .single()
                .toInstant();
    }

    /** True while a deployment of the environment is in one of {@code statuses}. */
    public boolean hasDeployment(String app, String name, DeploymentStatus... statuses) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM deployment WHERE app = :app AND environment = :name"
                        + " AND status IN (:statuses))")
                .param("app", app)
                .param("name", name)
                .param("statuses", Arrays.stream(statuses).map(Enum::name).toList())
                .query(Boolean.class)
                .single();
    }

    private static List<String> pendingStatuses() {
        return Arrays.stream(EnvironmentStatus.values())
                .filter(EnvironmentStatus::isPending)
                .map(Enum::name)
                .toList();
    }
}
