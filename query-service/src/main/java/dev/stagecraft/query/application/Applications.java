package dev.stagecraft.query.application;

import static dev.stagecraft.query.Sql.instant;

import dev.stagecraft.contracts.command.Stage;
import dev.stagecraft.query.Json;
import dev.stagecraft.query.environment.EnvironmentFilter;
import dev.stagecraft.query.environment.Environments;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads applications, and an application's pipeline matrix, from the read model. */
@Component
public class Applications {

    private final JdbcClient jdbc;
    private final Environments environments;

    Applications(JdbcClient jdbc, Environments environments) {
        this.jdbc = jdbc;
        this.environments = environments;
    }

    public List<ApplicationSummary> list() {
        return jdbc.sql("""
                        SELECT a.*, (SELECT count(*) FROM environments e WHERE e.app = a.name) AS environment_count
                          FROM applications a ORDER BY a.name""").query(Applications::summary).list();
    }

    public Optional<ApplicationView> find(String name) {
        return jdbc.sql("SELECT * FROM applications WHERE name = :name")
                .param("name", name)
                .query(Applications::registration)
                .optional()
                .map(this::withMatrix);
    }

    private ApplicationView withMatrix(Registration registration) {
        PipelineMatrix matrix = PipelineMatrix.of(
                registration.pipeline(), environments.list(EnvironmentFilter.ofApp(registration.name())));
        return new ApplicationView(
                registration.name(),
                registration.repository(),
                registration.driver(),
                registration.driverSettings(),
                registration.defaults(),
                registration.registeredBy(),
                registration.registeredAt(),
                registration.updatedAt(),
                matrix.stages(),
                matrix.others());
    }

    private static ApplicationSummary summary(ResultSet rs, int row) throws SQLException {
        Registration registration = registration(rs, row);
        return new ApplicationSummary(
                registration.name(),
                registration.repository(),
                registration.driver(),
                registration.pipeline().stream().map(Stage::environment).toList(),
                rs.getLong("environment_count"),
                registration.registeredAt(),
                registration.updatedAt());
    }

    private static Registration registration(ResultSet rs, int row) throws SQLException {
        return new Registration(
                rs.getString("name"),
                rs.getString("repository"),
                rs.getString("driver"),
                Json.stringMap(rs.getString("driver_settings")),
                Json.stringMap(rs.getString("defaults")),
                Json.stages(rs.getString("pipeline")),
                rs.getString("registered_by"),
                Objects.requireNonNull(instant(rs, "registered_at")),
                Objects.requireNonNull(instant(rs, "updated_at")));
    }

    /** A row of {@code applications}. */
    private record Registration(
            String name,
            @Nullable String repository,
            String driver,
            Map<String, String> driverSettings,
            Map<String, String> defaults,
            List<Stage> pipeline,
            String registeredBy,
            Instant registeredAt,
            Instant updatedAt) {}
}
