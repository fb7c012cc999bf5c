package dev.stagecraft.query.environment;

import static dev.stagecraft.query.Sql.timestamp;

import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ordering guard of the read model: per environment, the last {@code sequence} applied from each source (the
 * AMQP {@code app_id}: command-service numbers spec events, deployer-worker deployment and status events) about each
 * fact, kept in the narrow table {@code applied_sequences}. An event at or below that number is old news and must
 * not overwrite current state.
 */
@Component
public class AppliedSequences {

    private final JdbcClient jdbc;

    AppliedSequences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Creates the environment's row if it is new ({@link EnvironmentProjection#ENSURE}) and records {@code sequence}
     * as the last one applied from {@code source} (source and fact, e.g. {@code deployer-worker/deployment}) if it is
     * newer than the last one; one statement, as every event about an environment does both.
     *
     * @return true if the event is newer and its current-state effects should be applied
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean advance(EnvironmentKey key, Instant occurredAt, String source, long sequence) {
        return jdbc.sql("WITH ensured AS (" + EnvironmentProjection.ENSURE + """
                        )
                        INSERT INTO applied_sequences (app, environment, fact, sequence)
                        VALUES (:app, :name, :fact, :sequence)
                        ON CONFLICT (app, environment, fact) DO UPDATE SET sequence = EXCLUDED.sequence
                         WHERE applied_sequences.sequence < EXCLUDED.sequence""")
                        .param("app", key.app())
                        .param("name", key.name())
                        .param("at", timestamp(occurredAt))
                        .param("fact", source)
                        .param("sequence", sequence)
                        .update()
                == 1;
    }
}
