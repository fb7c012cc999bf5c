package dev.stagecraft.messaging;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Hands out the per-environment {@code sequence} of the events this service emits. The counter row is
 * locked until the transaction that publishes the event commits, so sequences follow commit order.
 */
public class EventSequences {

    private final JdbcClient jdbc;

    public EventSequences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public long next(String app, String environment) {
        return jdbc.sql("""
                        INSERT INTO event_sequence (app, environment, last_value) VALUES (?, ?, 1)
                        ON CONFLICT (app, environment) DO UPDATE SET last_value = event_sequence.last_value + 1
                        RETURNING last_value""").params(app, environment).query(Long.class).single();
    }
}
