package dev.stagecraft.command.intake;

import dev.stagecraft.command.JsonColumns;
import dev.stagecraft.contracts.CommandId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The {@code commands} table: every command received and its outcome, keyed by command id. */
@Repository
class CommandLog {

    private final JdbcClient jdbc;

    CommandLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Serialises the handling of one command id across transactions and service replicas until the
     * current transaction ends, so a command repeated concurrently is decided once.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void lock(CommandId id) {
        UUID uuid = id.id();
        jdbc.sql("SELECT pg_advisory_xact_lock(?)")
                .param(uuid.getMostSignificantBits() ^ uuid.getLeastSignificantBits())
                .query()
                .singleRow();
    }

    Optional<Outcome> find(CommandId id) {
        return jdbc.sql("SELECT response FROM commands WHERE id = ?")
                .param(id.id())
                .query((rs, row) -> JsonColumns.read(rs.getString("response"), Outcome.class))
                .optional();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void record(Outcome outcome, String actor, String channel, Instant at) {
        jdbc.sql("""
                        INSERT INTO commands (id, type, status, code, message, deployment_id, app, environment,
                                              actor, channel, response, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)""")
                .params(
                        outcome.commandId().id(),
                        outcome.commandType(),
                        outcome.status().name(),
                        outcome.code(),
                        outcome.message(),
                        outcome.deploymentId() == null
                                ? null
                                : outcome.deploymentId().id(),
                        outcome.app(),
                        outcome.environment(),
                        actor,
                        channel,
                        JsonColumns.write(outcome),
                        Timestamp.from(at))
                .update();
    }
}
