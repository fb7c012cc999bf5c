package dev.stagecraft.query.diff;

import dev.stagecraft.contracts.command.Stage;
import dev.stagecraft.query.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads what a diff needs from the read model: the two environments and their application's repository. */
@Component
class DiffSources {

    /** The registration facts a diff needs; {@code registered} is false if only environments are known. */
    record Application(boolean registered, @Nullable String repository, List<Stage> pipeline) {}

    private final JdbcClient jdbc;

    DiffSources(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The application, if registered or if any of its environments is known. */
    Optional<Application> application(String app) {
        Optional<Application> registered = jdbc.sql("SELECT repository, pipeline FROM applications WHERE name = :app")
                .param("app", app)
                .query((rs, row) ->
                        new Application(true, rs.getString("repository"), Json.stages(rs.getString("pipeline"))))
                .optional();
        if (registered.isPresent()) {
            return registered;
        }
        long environments = jdbc.sql("SELECT count(*) FROM environments WHERE app = :app")
                .param("app", app)
                .query(Long.class)
                .single();
        return environments > 0 ? Optional.of(new Application(false, null, List.of())) : Optional.empty();
    }

    /** The application's registration (if any) and the environments named, as read together by {@link #read}. */
    record Read(@Nullable Application registered, Map<String, EnvironmentState> environments) {}

    /**
     * The application's registration and the two environments in one statement (a diff is read often, e.g. by a
     * dashboard, and each round trip to the database costs more than the reading itself).
     */
    Read read(String app, String from, String to) {
        Application[] registered = {null};
        Map<String, EnvironmentState> environments = new HashMap<>();
        jdbc.sql("""
                        SELECT a.name AS a_name, a.repository AS a_repository, a.pipeline AS a_pipeline, e.*
                          FROM (SELECT 1) AS one
                          LEFT JOIN applications a ON a.name = :app
                          LEFT JOIN environments e ON e.app = :app AND e.name IN (:from, :to)""").param("app", app).param("from", from).param("to", to).query(rs -> {
            if (rs.getString("a_name") != null) {
                registered[0] =
                        new Application(true, rs.getString("a_repository"), Json.stages(rs.getString("a_pipeline")));
            }
            if (rs.getString("name") != null) {
                EnvironmentState state = state(rs, 0);
                environments.put(state.name(), state);
            }
        });
        return new Read(registered[0], environments);
    }

    Optional<EnvironmentState> environment(String app, String name) {
        return jdbc.sql("SELECT * FROM environments WHERE app = :app AND name = :name")
                .param("app", app)
                .param("name", name)
                .query(DiffSources::state)
                .optional();
    }

    private static EnvironmentState state(ResultSet rs, int row) throws SQLException {
        return new EnvironmentState(
                rs.getString("name"),
                rs.getString("stage"),
                rs.getString("status"),
                rs.getString("version"),
                rs.getString("desired_version"),
                rs.getString("desired_commit"),
                Json.stringMap(rs.getString("overrides")),
                Json.stringList(rs.getString("secret_keys")),
                Json.stringMap(rs.getString("secret_fingerprints")));
    }
}
