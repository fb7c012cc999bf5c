package dev.stagecraft.query.environment;

import static dev.stagecraft.query.Sql.instant;
import static dev.stagecraft.query.Sql.uuid;

import dev.stagecraft.query.Json;
import dev.stagecraft.query.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads environment views from the read model. */
@Component
public class Environments {

    /**
     * The environment row, its last deployment (by {@code last_deployment_id}) and its last successful DEPLOY or
     * RESTORE ({@code deployed}), read in one statement: the lateral joins look each one up by key for each listed
     * environment (the last deployment by primary key, the last success over the partial index
     * {@code deployments_succeeded}) instead of hashing every deployment of the application, which PostgreSQL
     * preferred for a plain join.
     */
    private static final String SELECT = """
            SELECT e.*, d.id AS d_id, d.operation AS d_operation, d.status AS d_status, d.version AS d_version,
                   d.actor AS d_actor, d.requested_at AS d_requested_at, d.finished_at AS d_finished_at,
                   s.id AS s_id, s.version AS s_version, s.actor AS s_actor, s.finished_at AS s_finished_at
              FROM %s e
              LEFT JOIN LATERAL (SELECT * FROM deployments WHERE id = e.last_deployment_id LIMIT 1) d ON true
              LEFT JOIN LATERAL (
                    SELECT id, version, actor, finished_at FROM deployments
                     WHERE app = e.app AND environment = e.name AND status = 'SUCCEEDED' AND finished_at IS NOT NULL
                       AND COALESCE(operation, 'DEPLOY') IN ('DEPLOY', 'RESTORE')
                     ORDER BY finished_at DESC, id DESC LIMIT 1) s ON true
            """;

    private static final String SELECT_ALL = SELECT.formatted("environments");

    /**
     * The list order: application, pipeline position (ad-hoc environments last), name. {@code (app, name)} is the
     * primary key, so this is a total order and a page can start right after any row of it (keyset pagination over
     * the index {@code environments_listing} on the same expression).
     */
    private static final String ORDER_KEY =
            "(e.app, COALESCE(e.stage_index, " + EnvironmentCursor.AD_HOC + "), e.name)";

    private static final String ORDER =
            " ORDER BY e.app, COALESCE(e.stage_index, " + EnvironmentCursor.AD_HOC + "), e.name";

    private final JdbcClient jdbc;
    private final EnvironmentQueues queues;

    Environments(JdbcClient jdbc, EnvironmentQueues queues) {
        this.jdbc = jdbc;
        this.queues = queues;
    }

    public Optional<EnvironmentView> find(EnvironmentKey key) {
        return jdbc.sql(SELECT_ALL + " WHERE e.app = :app AND e.name = :name")
                .param("app", key.app())
                .param("name", key.name())
                .query(Environments::view)
                .optional()
                .map(view -> queues.attach(List.of(view)).getFirst());
    }

    public boolean exists(EnvironmentKey key) {
        return jdbc.sql("SELECT count(*) FROM environments WHERE app = :app AND name = :name")
                        .param("app", key.app())
                        .param("name", key.name())
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Every environment matching {@code filter}, in list order (the pipeline matrix needs them all). */
    public List<EnvironmentView> list(EnvironmentFilter filter) {
        Where where = where(filter);
        return queues.attach(jdbc.sql(SELECT_ALL + where.sql() + ORDER)
                .params(where.params())
                .query(Environments::view)
                .list());
    }

    /**
     * At most {@code limit} environments matching {@code filter} that come after {@code after} in list order, and
     * the cursor of the next page if there are more.
     */
    public EnvironmentPage page(EnvironmentFilter filter, int limit, @Nullable EnvironmentCursor after) {
        Where where = where(filter);
        List<String> conditions = new ArrayList<>(where.conditions());
        Map<String, Object> params = new LinkedHashMap<>(where.params());
        if (after != null) {
            conditions.add(ORDER_KEY + " > (:afterApp, :afterStage, :afterName)");
            params.put("afterApp", after.app());
            params.put("afterStage", after.stageIndex());
            params.put("afterName", after.name());
        }
        params.put("limit", limit + 1);
        // The page's rows are chosen first, so that the joins run for them only, whatever plan the environments
        // take (with statistics from when the table was small, PostgreSQL joined every environment, then sorted).
        String pageOfEnvironments =
                "(SELECT * FROM environments e" + whereClause(conditions) + ORDER + " LIMIT :limit)";
        List<Keyed> rows = jdbc.sql(SELECT.formatted(pageOfEnvironments) + ORDER)
                .params(params)
                .query((rs, row) -> new Keyed(
                        view(rs, row),
                        new EnvironmentCursor(
                                rs.getString("app"),
                                Objects.requireNonNullElse(Sql.integer(rs, "stage_index"), EnvironmentCursor.AD_HOC),
                                rs.getString("name"))))
                .list();
        boolean more = rows.size() > limit;
        List<Keyed> page = more ? rows.subList(0, limit) : rows;
        List<EnvironmentView> items =
                queues.attach(page.stream().map(Keyed::view).toList());
        return new EnvironmentPage(items, more ? page.getLast().key() : null);
    }

    /** How many environments match {@code filter} (an index-only count for an application). */
    public long count(EnvironmentFilter filter) {
        Where where = where(filter);
        return jdbc.sql("SELECT count(*) FROM environments e" + where.sql())
                .params(where.params())
                .query(Long.class)
                .single();
    }

    /** A listed environment and its list-order key. */
    private record Keyed(EnvironmentView view, EnvironmentCursor key) {}

    private record Where(List<String> conditions, Map<String, Object> params) {
        String sql() {
            return whereClause(conditions);
        }
    }

    private static String whereClause(List<String> conditions) {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static Where where(EnvironmentFilter filter) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        add(conditions, params, filter.app(), "e.app = :app", "app");
        add(conditions, params, filter.status(), "e.status = :status", "status");
        add(conditions, params, filter.tag(), "e.tags @> jsonb_build_array(CAST(:tag AS text))", "tag");
        if (filter.q() != null && !filter.q().isBlank()) {
            conditions.add("(e.name ILIKE :q OR e.description ILIKE :q OR EXISTS "
                    + "(SELECT 1 FROM jsonb_array_elements_text(e.tags) AS t(tag) WHERE t.tag ILIKE :q))");
            params.put("q", Sql.containsPattern(filter.q().strip()));
        }
        return new Where(conditions, params);
    }

    private static void add(
            List<String> conditions, Map<String, Object> params, @Nullable String value, String sql, String name) {
        if (value != null && !value.isBlank()) {
            conditions.add(sql);
            params.put(name, value.strip());
        }
    }

    private static EnvironmentView view(ResultSet rs, int row) throws SQLException {
        return new EnvironmentView(
                rs.getString("app"),
                rs.getString("name"),
                rs.getString("stage"),
                rs.getString("status"),
                rs.getString("status_reason"),
                rs.getString("failure"),
                rs.getString("version"),
                rs.getString("desired_version"),
                rs.getString("desired_commit"),
                rs.getString("driver"),
                Json.stringList(rs.getString("tags")),
                rs.getString("description"),
                rs.getString("ttl"),
                instant(rs, "expires_at"),
                instant(rs, "cleanup_at"),
                Json.stringMap(rs.getString("overrides")),
                Json.stringList(rs.getString("secret_keys")),
                required(instant(rs, "created_at")),
                required(instant(rs, "updated_at")),
                lastDeployment(rs),
                List.of(),
                drift(rs),
                lock(rs),
                deployed(rs),
                List.of(),
                Json.links(rs.getString("links")));
    }

    private static @Nullable EnvironmentLock lock(ResultSet rs) throws SQLException {
        Instant lockedAt = instant(rs, "locked_at");
        String holder = rs.getString("lock_holder");
        if (lockedAt == null || holder == null) {
            return null;
        }
        return new EnvironmentLock(holder, String.valueOf(rs.getString("lock_reason")), lockedAt);
    }

    private static @Nullable Drift drift(ResultSet rs) throws SQLException {
        Instant detectedAt = instant(rs, "drift_detected_at");
        if (detectedAt == null) {
            return null;
        }
        return new Drift(
                rs.getString("drift_desired_version"),
                rs.getString("drift_actual_version"),
                rs.getString("drift_detail"),
                detectedAt);
    }

    private static @Nullable Deployed deployed(ResultSet rs) throws SQLException {
        UUID id = uuid(rs, "s_id");
        if (id == null) {
            return null;
        }
        return new Deployed(
                id, rs.getString("s_version"), rs.getString("s_actor"), required(instant(rs, "s_finished_at")));
    }

    private static @Nullable LastDeployment lastDeployment(ResultSet rs) throws SQLException {
        UUID id = uuid(rs, "d_id");
        if (id == null) {
            return null;
        }
        return new LastDeployment(
                id,
                rs.getString("d_operation"),
                rs.getString("d_status"),
                rs.getString("d_version"),
                rs.getString("d_actor"),
                required(instant(rs, "d_requested_at")),
                instant(rs, "d_finished_at"));
    }

    private static Instant required(@Nullable Instant instant) {
        if (instant == null) {
            throw new IllegalStateException("a NOT NULL timestamp column was null");
        }
        return instant;
    }
}
