package dev.stagecraft.notifier.slack;

import dev.stagecraft.contracts.command.Stage;
import dev.stagecraft.contracts.event.ApplicationSpec;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code pipeline_stage} table: which environments of an application are pipeline stages, as its latest
 * {@code application.registered} said, so that messages can name the stage and routes can match it.
 */
@Repository
public class PipelineStages {

    private final JdbcClient jdbc;

    PipelineStages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Replaces what is known of the application's pipeline with {@code spec}'s. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(ApplicationSpec spec) {
        jdbc.sql("DELETE FROM pipeline_stage WHERE app = ?").param(spec.name()).update();
        List<Stage> pipeline = spec.pipeline();
        for (int position = 0; position < pipeline.size(); position++) {
            jdbc.sql("INSERT INTO pipeline_stage (app, environment, position) VALUES (?, ?, ?)")
                    .params(spec.name(), pipeline.get(position).environment(), position)
                    .update();
        }
    }

    /** The stage {@code environment} is in {@code app}'s pipeline (stages are named by their environment). */
    Optional<String> stageOf(@Nullable String app, @Nullable String environment) {
        if (app == null || environment == null) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT environment FROM pipeline_stage WHERE app = ? AND environment = ?")
                .params(app, environment)
                .query(String.class)
                .optional();
    }
}
