package dev.stagecraft.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.testsupport.IsolatedEnvironment;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code V0_2__batched_outbox.sql} on a database that Spring Modulith's registry was the outbox of: the messages
 * it had not sent move into {@code outbox_message} in the order they were published; sent ones and other
 * in-process events do not, and those events stay in {@code event_publication}. The rows are serialized as
 * Modulith's {@code JacksonEventSerializer} does: {@code JsonMapper.writeValueAsString} of the record.
 */
class OutboxMigrationIT {

    static final IsolatedEnvironment infra = IsolatedEnvironment.create("outbox-migration");
    static final String SCHEMA = "migrationit";

    final DataSource dataSource = new DriverManagerDataSource(
            infra.jdbcUrl() + "?currentSchema=" + SCHEMA, infra.databaseUser(), infra.databasePassword());
    final JdbcClient jdbc = JdbcClient.create(dataSource);
    final JsonMapper json = JsonMapper.builder().build();

    @AfterAll
    static void tearDown() {
        infra.close();
    }

    @Test
    void unsentModulithPublicationsMoveIntoTheOutboxInPublicationOrder() {
        migrate("0.1");
        OutboundMessage second = message("second", null);
        OutboundMessage first = message("first", "3f1c0c1e-0000-4000-8000-000000000001");
        OutboundMessage sent = message("sent", null);
        storePublication(second, OutboundMessage.class.getName(), "2026-11-23T10:00:02Z", null);
        storePublication(first, OutboundMessage.class.getName(), "2026-11-23T10:00:01Z", null);
        storePublication(sent, OutboundMessage.class.getName(), "2026-11-23T10:00:00Z", "2026-11-23T10:00:00.5Z");
        storePublication(
                message("in-process", null),
                "dev.stagecraft.command.promotion.AutoPromotionDue",
                "2026-11-23T10:00:03Z",
                null);

        migrate("latest");

        List<OutboundMessage> moved = jdbc.sql("""
                        SELECT exchange, routing_key, type, message_id, correlation_id, body
                        FROM outbox_message ORDER BY id""")
                .query((rs, row) -> new OutboundMessage(
                        rs.getString("exchange"),
                        rs.getString("routing_key"),
                        rs.getString("type"),
                        rs.getString("message_id"),
                        rs.getString("correlation_id"),
                        rs.getString("body")))
                .list();
        assertThat(moved).containsExactly(first, second);
        assertThat(jdbc.sql("SELECT event_type FROM event_publication")
                        .query(String.class)
                        .list())
                .containsExactly("dev.stagecraft.command.promotion.AutoPromotionDue");
    }

    private void migrate(String target) {
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .defaultSchema(SCHEMA)
                .locations("classpath:db/messaging")
                .target(target)
                .load()
                .migrate();
    }

    private void storePublication(
            OutboundMessage message, String eventType, String publishedAt, @Nullable String completedAt) {
        jdbc.sql("""
                        INSERT INTO event_publication (id, listener_id, event_type, serialized_event, publication_date,
                                                       completion_date)
                        VALUES (?, 'dev.stagecraft.messaging.OutboxRelay.on(dev.stagecraft.messaging.OutboundMessage)',
                                ?, ?, ?::timestamptz, ?::timestamptz)""")
                .params(UUID.randomUUID(), eventType, json.writeValueAsString(message), publishedAt, completedAt)
                .update();
    }

    private static OutboundMessage message(String label, @Nullable String correlationId) {
        return new OutboundMessage(
                "stagecraft.events",
                "environment.status-changed",
                "environment.status-changed",
                label + "-" + UUID.randomUUID(),
                correlationId,
                "{\"label\":\"" + label + "\",\"note\":\"quotes \\\" and unicode \u00e9\"}");
    }
}
