package dev.stagecraft.command.application;

import dev.stagecraft.command.CommandRefusedException;
import dev.stagecraft.command.JsonColumns;
import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.command.Stage;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The {@code applications} and {@code pipeline_stages} tables. */
@Repository
public class Applications {

    private final JdbcClient jdbc;

    Applications(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The registered application, locked until the transaction ends, for a decision that reads or changes several
     * of its environments (promotion, approval, rollback): it waits for the decisions about single environments
     * under way ({@link #lockForEnvironment}) and they wait for it. Refused with {@code not-found} if the
     * application is not registered.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Application lockRegistered(String name) {
        return jdbc.sql("SELECT * FROM applications WHERE name = ? FOR UPDATE")
                .param(name)
                .query((rs, row) -> application(rs, pipeline(name)))
                .optional()
                .orElseThrow(() -> CommandRefusedException.notFound(
                        "application '" + name + "' is not registered; register it with POST /api/v1/applications"));
    }

    /**
     * The registered application, for a decision about one of its environments: the application's row is share
     * locked (a registration waits, and waits for) and the environment's name — whether the environment exists yet
     * or not — is locked exclusively, both until the transaction ends. Decisions about different environments of
     * one application therefore run concurrently, those about one environment one at a time, and a decision about
     * several environments ({@link #lockRegistered}) waits for all of them. Refused with {@code not-found} if the
     * application is not registered.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Application lockForEnvironment(String name, String environment) {
        Application application = jdbc.sql("SELECT * FROM applications WHERE name = ? FOR SHARE")
                .param(name)
                .query((rs, row) -> application(rs, pipeline(name)))
                .optional()
                .orElseThrow(() -> CommandRefusedException.notFound(
                        "application '" + name + "' is not registered; register it with POST /api/v1/applications"));
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")
                .param("environment:" + name + "/" + environment)
                .query()
                .singleRow();
        return application;
    }

    public Optional<Application> find(String name) {
        return jdbc.sql("SELECT * FROM applications WHERE name = ?")
                .param(name)
                .query((rs, row) -> application(rs, pipeline(name)))
                .optional();
    }

    /** Registers the application, or replaces the spec of the one registered under its name. */
    @Transactional(propagation = Propagation.MANDATORY)
    void save(Application application, CommandId commandId, Instant at) {
        jdbc.sql("""
                        INSERT INTO applications (name, repository, driver, driver_settings, defaults, secret_defaults,
                                                  command_id, registered_at, updated_at)
                        VALUES (?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?)
                        ON CONFLICT (name) DO UPDATE SET repository = excluded.repository, driver = excluded.driver,
                            driver_settings = excluded.driver_settings, defaults = excluded.defaults,
                            secret_defaults = excluded.secret_defaults, command_id = excluded.command_id,
                            updated_at = excluded.updated_at""")
                .params(
                        application.name(),
                        application.repository(),
                        application.driver(),
                        JsonColumns.write(application.driverSettings()),
                        JsonColumns.write(application.defaults()),
                        JsonColumns.write(application.secretDefaults()),
                        commandId.id(),
                        Timestamp.from(at),
                        Timestamp.from(at))
                .update();
        replacePipeline(application.name(), application.pipeline());
    }

    private void replacePipeline(String app, List<Stage> pipeline) {
        jdbc.sql("DELETE FROM pipeline_stages WHERE app = ?").param(app).update();
        for (int position = 0; position < pipeline.size(); position++) {
            Stage stage = pipeline.get(position);
            jdbc.sql("""
                            INSERT INTO pipeline_stages (app, position, environment, requires_approval, auto_promote, branch)
                            VALUES (?, ?, ?, ?, ?, ?)""")
                    .params(
                            app,
                            position,
                            stage.environment(),
                            stage.requiresApproval(),
                            stage.autoPromote(),
                            stage.branch())
                    .update();
        }
    }

    private List<Stage> pipeline(String app) {
        return jdbc.sql("SELECT * FROM pipeline_stages WHERE app = ? ORDER BY position")
                .param(app)
                .query((rs, row) -> new Stage(
                        rs.getString("environment"),
                        rs.getBoolean("requires_approval"),
                        rs.getBoolean("auto_promote"),
                        rs.getString("branch")))
                .list();
    }

    private static Application application(ResultSet rs, List<Stage> pipeline) throws SQLException {
        return new Application(
                rs.getString("name"),
                rs.getString("repository"),
                rs.getString("driver"),
                JsonColumns.stringMap(rs.getString("driver_settings")),
                JsonColumns.stringMap(rs.getString("defaults")),
                JsonColumns.stringMap(rs.getString("secret_defaults")),
                pipeline);
    }
}
