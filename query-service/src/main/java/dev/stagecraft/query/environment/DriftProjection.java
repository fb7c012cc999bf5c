package dev.stagecraft.query.environment;

import static dev.stagecraft.query.Sql.timestamp;

import dev.stagecraft.contracts.EnvironmentStatus;
import dev.stagecraft.contracts.event.DeploymentSucceeded;
import dev.stagecraft.contracts.event.EnvironmentDriftDetected;
import dev.stagecraft.contracts.event.EnvironmentStatusChanged;
import dev.stagecraft.contracts.event.Event;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Shows {@code environment.drift-detected} on its environment until it is resolved: by a later
 * {@code deployment.succeeded} of the environment, or a later {@code environment.status-changed} to RUNNING
 * with the version the drift said was desired. "Later" compares sequences when both events come from the same
 * source, else their times (SQL function {@code happened_after}). A drift that arrives after the event that
 * resolved it (two relay threads overtaking each other) does not show.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
public class DriftProjection {

    private final JdbcClient jdbc;

    DriftProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Shows the drift unless an event already applied resolved it; call only for the newest drift. */
    public void on(EnvironmentDriftDetected event, String source) {
        EnvironmentKey key = EnvironmentKey.of(event);
        jdbc.sql("""
                        UPDATE environments
                           SET drift_desired_version = :desired, drift_actual_version = :actual, drift_detail = :detail,
                               drift_detected_at = :at, drift_source = :source, drift_sequence = :sequence,
                               updated_at = GREATEST(updated_at, :at)
                         WHERE app = :app AND name = :name
                           AND NOT EXISTS (
                               SELECT 1 FROM event_log l
                                WHERE l.app = :app AND l.environment = :name
                                  AND happened_after(:source, :sequence, :at, l.source, l.sequence, l.occurred_at)
                                  AND (l.type = 'deployment.succeeded'
                                       OR (l.type = 'environment.status-changed' AND l.payload ->> 'to' = 'RUNNING'
                                           AND l.payload ->> 'version' = :desired)))""")
                .param("desired", event.desiredVersion())
                .param("actual", event.actualVersion())
                .param("detail", event.detail())
                .param("at", timestamp(event.occurredAt()))
                .param("source", source)
                .param("sequence", event.sequence())
                .param("app", key.app())
                .param("name", key.name())
                .update();
    }

    /** A deployment of the environment succeeded: whatever drifted before is resolved. */
    public void on(DeploymentSucceeded event, String source) {
        resolve(event, source, null);
    }

    /** The environment runs a version again: a drift that desired that version is resolved. */
    public void on(EnvironmentStatusChanged event, String source) {
        if (event.to() == EnvironmentStatus.RUNNING && event.version() != null) {
            resolve(event, source, event.version());
        }
    }

    private void resolve(Event event, String source, @Nullable String runningVersion) {
        EnvironmentKey key = EnvironmentKey.of(event);
        jdbc.sql("""
                        UPDATE environments
                           SET drift_desired_version = NULL, drift_actual_version = NULL, drift_detail = NULL,
                               drift_detected_at = NULL, drift_source = NULL, drift_sequence = NULL
                         WHERE app = :app AND name = :name AND drift_detected_at IS NOT NULL
                           AND (CAST(:version AS text) IS NULL OR drift_desired_version = CAST(:version AS text))
                           AND happened_after(drift_source, drift_sequence, drift_detected_at, :source, :sequence, :at)""")
                .param("version", runningVersion)
                .param("source", source)
                .param("sequence", event.sequence())
                .param("at", timestamp(event.occurredAt()))
                .param("app", key.app())
                .param("name", key.name())
                .update();
    }
}
