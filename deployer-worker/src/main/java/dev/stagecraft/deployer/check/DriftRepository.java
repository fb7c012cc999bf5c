package dev.stagecraft.deployer.check;

import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.deployer.environment.Environment;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code reported_drift} table: the drift last announced per environment. */
@Repository
class DriftRepository {

    private final JdbcClient jdbc;

    DriftRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Drift> reported(String app, String environment) {
        return jdbc.sql("SELECT deployment_id, desired_version, actual_version FROM reported_drift"
                        + " WHERE app = ? AND environment = ?")
                .params(app, environment)
                .query((row, n) -> new Drift(
                        new DeploymentId(row.getObject("deployment_id", java.util.UUID.class)),
                        row.getString("desired_version"),
                        row.getString("actual_version")))
                .optional();
    }

    /** The drifts announced last among {@code environments} (app, name), by {@code app/name}. */
    Map<String, Drift> reportedAmong(Collection<Environment> environments) {
        if (environments.isEmpty()) {
            return Map.of();
        }
        List<Object[]> keys = environments.stream()
                .map(environment -> new Object[] {environment.app(), environment.name()})
                .toList();
        Map<String, Drift> reported = new HashMap<>();
        jdbc.sql("SELECT app, environment, deployment_id, desired_version, actual_version FROM reported_drift"
                        + " WHERE (app, environment) IN (:keys)")
                .param("keys", keys)
                .query(row -> {
                    reported.put(
                            row.getString("app") + "/" + row.getString("environment"),
                            new Drift(
                                    new DeploymentId(row.getObject("deployment_id", java.util.UUID.class)),
                                    row.getString("desired_version"),
                                    row.getString("actual_version")));
                });
        return reported;
    }

    void remember(String app, String environment, Drift drift, Instant at) {
        jdbc.sql("""
                        INSERT INTO reported_drift (app, environment, deployment_id, desired_version, actual_version,
                          reported_at) VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (app, environment) DO UPDATE SET deployment_id = excluded.deployment_id,
                          desired_version = excluded.desired_version, actual_version = excluded.actual_version,
                          reported_at = excluded.reported_at""")
                .params(
                        app,
                        environment,
                        drift.deployment().id(),
                        drift.desiredVersion(),
                        drift.actualVersion(),
                        Timestamp.from(at))
                .update();
    }

    void forget(String app, String environment) {
        jdbc.sql("DELETE FROM reported_drift WHERE app = ? AND environment = ?")
                .params(app, environment)
                .update();
    }
}
