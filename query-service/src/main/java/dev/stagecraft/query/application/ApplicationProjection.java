package dev.stagecraft.query.application;

import static dev.stagecraft.query.Sql.timestamp;

import dev.stagecraft.contracts.command.Stage;
import dev.stagecraft.contracts.event.ApplicationRegistered;
import dev.stagecraft.contracts.event.ApplicationSpec;
import dev.stagecraft.query.Json;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies {@code application.registered}, keyed by the application's name: a registration older than the one
 * applied (by {@code occurredAt}) changes nothing. A new pipeline re-binds the known environments to stages.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
public class ApplicationProjection {

    private final JdbcClient jdbc;

    ApplicationProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void on(ApplicationRegistered event) {
        ApplicationSpec spec = event.spec();
        int changed = jdbc.sql("""
                        INSERT INTO applications (name, repository, driver, driver_settings, defaults, pipeline,
                                                  registered_by, registered_at, updated_at)
                        VALUES (:name, :repository, :driver, CAST(:driverSettings AS jsonb), CAST(:defaults AS jsonb),
                                CAST(:pipeline AS jsonb), :actor, :at, :at)
                        ON CONFLICT (name) DO UPDATE
                           SET repository = EXCLUDED.repository, driver = EXCLUDED.driver,
                               driver_settings = EXCLUDED.driver_settings, defaults = EXCLUDED.defaults,
                               pipeline = EXCLUDED.pipeline, updated_at = EXCLUDED.updated_at
                         WHERE applications.updated_at <= EXCLUDED.updated_at""")
                .param("name", spec.name())
                .param("repository", spec.repository())
                .param("driver", spec.driver())
                .param("driverSettings", Json.write(spec.driverSettings()))
                .param("defaults", Json.write(spec.defaults()))
                .param("pipeline", Json.write(spec.pipeline()))
                .param("actor", event.actor())
                .param("at", timestamp(event.occurredAt()))
                .update();
        if (changed == 1) {
            bindStages(spec.name(), spec.pipeline());
        }
    }

    private void bindStages(String app, List<Stage> pipeline) {
        jdbc.sql("UPDATE environments SET stage = NULL, stage_index = NULL WHERE app = :app")
                .param("app", app)
                .update();
        for (int index = 0; index < pipeline.size(); index++) {
            String environment = pipeline.get(index).environment();
            jdbc.sql("UPDATE environments SET stage = :stage, stage_index = :index WHERE app = :app AND name = :stage")
                    .param("stage", environment)
                    .param("index", index)
                    .param("app", app)
                    .update();
        }
    }
}
