package dev.stagecraft.query.environment;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ordering guard of the read model: per environment, the last {@code sequence} applied from each source
 * (the AMQP {@code app_id}: command-service numbers spec events, deployer-worker deployment and status events).
 * An event at or below that number is old news and must not overwrite current state.
 */
@Component
public class AppliedSequences {

    private final JdbcClient jdbc;

    AppliedSequences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records {@code sequence} as the last one applied from {@code source} if it is newer than the last one.
     *
     * @return true if the event is newer and its current-state effects should be applied
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean advance(EnvironmentKey key, String source, long sequence) {
        return jdbc.sql("""
                        UPDATE environments
                           SET applied_sequences = jsonb_set(applied_sequences, ARRAY[CAST(:source AS text)],
                                                             to_jsonb(CAST(:sequence AS bigint)))
                         WHERE app = :app AND name = :name
                           AND COALESCE(CAST(applied_sequences ->> CAST(:source AS text) AS bigint), 0) < :sequence""")
                        .param("source", source)
                        .param("sequence", sequence)
                        .param("app", key.app())
                        .param("name", key.name())
                        .update()
                == 1;
    }
}
