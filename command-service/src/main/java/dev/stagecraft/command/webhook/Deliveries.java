package dev.stagecraft.command.webhook;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code git_deliveries} table: every correctly signed delivery id, so that a replay is recognised. */
@Repository
class Deliveries {

    private final JdbcClient jdbc;

    Deliveries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the delivery (committed at once); false if it was recorded before, i.e. this is a replay. */
    boolean firstTime(String deliveryId, String event, Instant at) {
        return jdbc.sql("""
                                INSERT INTO git_deliveries (delivery_id, event, received_at) VALUES (?, ?, ?)
                                ON CONFLICT (delivery_id) DO NOTHING""").params(deliveryId, event, Timestamp.from(at)).update() == 1;
    }

    /** Forgets a delivery whose handling failed unexpectedly, so that GitHub's redelivery is served. */
    void forget(String deliveryId) {
        jdbc.sql("DELETE FROM git_deliveries WHERE delivery_id = ?")
                .param(deliveryId)
                .update();
    }
}
