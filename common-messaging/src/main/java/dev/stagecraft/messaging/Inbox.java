package dev.stagecraft.messaging;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Remembers the ids of consumed messages. Called in the transaction of the message's effect, a second
 * delivery of the same id finds its row and is skipped: every message is applied exactly once.
 */
public class Inbox {

    private final JdbcClient jdbc;

    public Inbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** True if this is the first delivery of {@code messageId}; records it in the current transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean firstDelivery(String messageId, String type) {
        int inserted = jdbc.sql("INSERT INTO inbox_message (message_id, type) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(messageId, type)
                .update();
        return inserted == 1;
    }
}
