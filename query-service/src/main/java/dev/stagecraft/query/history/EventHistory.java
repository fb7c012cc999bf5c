package dev.stagecraft.query.history;

import static dev.stagecraft.query.Sql.timestamp;

import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.MessageTypes;
import dev.stagecraft.contracts.event.CommandAccepted;
import dev.stagecraft.contracts.event.DeploymentEvent;
import dev.stagecraft.contracts.event.Event;
import dev.stagecraft.query.Json;
import dev.stagecraft.query.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The log of every event the read model applied, keyed by event id. */
@Component
public class EventHistory {

    private final JdbcClient jdbc;

    EventHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Logs an event with the JSON it arrived as.
     *
     * @return false if an event with this id was logged before (then it has been applied already)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean record(Event event, String source, String json) {
        return jdbc.sql("""
                        INSERT INTO event_log (event_id, type, source, app, environment, deployment_id, command_id,
                                               actor, sequence, occurred_at, payload)
                        VALUES (:eventId, :type, :source, :app, :env, :deploymentId, :commandId,
                                :actor, :sequence, :at, CAST(:payload AS jsonb))
                        ON CONFLICT (event_id) DO NOTHING""")
                        .param("eventId", event.eventId().id())
                        .param("type", MessageTypes.typeOf(event))
                        .param("source", source)
                        .param("app", event.app())
                        .param("env", event.environment())
                        .param("deploymentId", deploymentOf(event))
                        .param(
                                "commandId",
                                event.commandId() == null
                                        ? null
                                        : event.commandId().id())
                        .param("actor", event.actor())
                        .param("sequence", event.sequence())
                        .param("at", timestamp(event.occurredAt()))
                        .param("payload", json)
                        .update()
                == 1;
    }

    /** The newest {@code limit} events of an environment, newest first. */
    public List<HistoryEntry> of(String app, String environment, int limit) {
        return jdbc.sql("""
                        SELECT * FROM event_log WHERE app = :app AND environment = :env
                         ORDER BY occurred_at DESC, sequence DESC LIMIT :limit""")
                .param("app", app)
                .param("env", environment)
                .param("limit", limit)
                .query(EventHistory::entry)
                .list();
    }

    private static @Nullable UUID deploymentOf(Event event) {
        DeploymentId id = switch (event) {
            case DeploymentEvent e -> e.deploymentId();
            case CommandAccepted e -> e.deploymentId();
            default -> null;
        };
        return id == null ? null : id.id();
    }

    private static HistoryEntry entry(ResultSet rs, int row) throws SQLException {
        return new HistoryEntry(
                Objects.requireNonNull(Sql.uuid(rs, "event_id")),
                rs.getString("type"),
                Objects.requireNonNull(Sql.instant(rs, "occurred_at")),
                rs.getString("actor"),
                rs.getString("source"),
                rs.getLong("sequence"),
                Sql.uuid(rs, "deployment_id"),
                Sql.uuid(rs, "command_id"),
                Json.tree(rs.getString("payload")));
    }
}
