package dev.stagecraft.notifier.slack;

import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.MessageCodec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** The {@code slack_message} table: one row per deployment, its desired content and its delivery state. */
@Repository
class SlackMessageStore {

    private static final String DUE = "gave_up_at IS NULL AND (ts IS NULL OR delivered_revision < revision)";

    private final JdbcClient jdbc;
    private final JsonMapper json = MessageCodec.instance().mapper();

    SlackMessageStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The current view of one of a deployment's messages, locked until the transaction ends. */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<DeploymentView> lockView(DeploymentId id, MessageKind kind) {
        return jdbc.sql("SELECT view FROM slack_message WHERE deployment_id = ? AND kind = ? FOR UPDATE")
                .params(id.id(), kind.column())
                .query((rs, row) -> view(rs))
                .optional();
    }

    /** Adds one of a deployment's messages, due at once; false if another transaction added it first. */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean insert(DeploymentView view, MessageKind kind, String channel, Instant now) {
        return jdbc.sql("""
                        INSERT INTO slack_message (deployment_id, kind, app, environment, channel, view,
                                                   next_attempt_at, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?) ON CONFLICT (deployment_id, kind) DO NOTHING""")
                        .params(
                                view.deploymentId().id(),
                                kind.column(),
                                view.app(),
                                view.environment(),
                                channel,
                                write(view),
                                at(now),
                                at(now),
                                at(now))
                        .update()
                == 1;
    }

    /**
     * Stores a changed view as a new revision. The delivery keeps its schedule (a backoff stays a
     * backoff); one that was given up is tried again at once.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void change(DeploymentView view, MessageKind kind, Instant now) {
        jdbc.sql("""
                        UPDATE slack_message SET view = ?::jsonb, revision = revision + 1, updated_at = ?,
                               attempts = CASE WHEN gave_up_at IS NULL THEN attempts ELSE 0 END,
                               next_attempt_at = CASE WHEN gave_up_at IS NULL THEN next_attempt_at ELSE ? END,
                               gave_up_at = NULL
                        WHERE deployment_id = ? AND kind = ?""")
                .params(write(view), at(now), at(now), view.deploymentId().id(), kind.column())
                .update();
    }

    /**
     * Claims the messages due at {@code now}: their next attempt moves to {@code claimUntil}, so no other
     * deliverer takes them meanwhile, and one whose deliverer died is taken again after that.
     */
    List<PendingMessage> claimDue(Instant now, Instant claimUntil, int limit) {
        return jdbc.sql("""
                        UPDATE slack_message m SET next_attempt_at = ?
                        FROM (SELECT deployment_id, kind FROM slack_message WHERE %s AND next_attempt_at <= ?
                              ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED) due
                        WHERE m.deployment_id = due.deployment_id AND m.kind = due.kind
                        RETURNING m.deployment_id, m.kind, m.channel, m.ts, m.view, m.revision, m.attempts""".formatted(DUE))
                .params(at(claimUntil), at(now), limit)
                .query((rs, row) -> pending(rs))
                .list();
    }

    /** Slack shows {@code revision} in the message {@code channel}/{@code ts}; due again if the view moved on. */
    void delivered(PendingMessage message, String channel, String ts, Instant now) {
        jdbc.sql("""
                        UPDATE slack_message SET channel = ?, ts = ?,
                               delivered_revision = GREATEST(delivered_revision, ?), attempts = 0,
                               last_error = NULL, next_attempt_at = ?, updated_at = ?
                        WHERE deployment_id = ? AND kind = ?""")
                .params(
                        channel,
                        ts,
                        message.revision(),
                        at(now),
                        at(now),
                        message.deploymentId().id(),
                        message.kind().column())
                .update();
    }

    void retryAt(PendingMessage message, Instant next, int attempts, String error, Instant now) {
        jdbc.sql("""
                        UPDATE slack_message SET attempts = ?, next_attempt_at = ?, last_error = ?, updated_at = ?
                        WHERE deployment_id = ? AND kind = ?""")
                .params(
                        attempts,
                        at(next),
                        error,
                        at(now),
                        message.deploymentId().id(),
                        message.kind().column())
                .update();
    }

    void giveUp(PendingMessage message, int attempts, String error, Instant now) {
        jdbc.sql("""
                        UPDATE slack_message SET attempts = ?, gave_up_at = ?, last_error = ?, updated_at = ?
                        WHERE deployment_id = ? AND kind = ?""")
                .params(
                        attempts,
                        at(now),
                        error,
                        at(now),
                        message.deploymentId().id(),
                        message.kind().column())
                .update();
    }

    /** Messages Slack does not show as they should be yet (metrics). */
    long undelivered() {
        return jdbc.sql("SELECT count(*) FROM slack_message WHERE " + DUE)
                .query(Long.class)
                .single();
    }

    private PendingMessage pending(ResultSet rs) throws SQLException {
        return new PendingMessage(
                new DeploymentId(rs.getObject("deployment_id", UUID.class)),
                MessageKind.ofColumn(rs.getString("kind")),
                rs.getString("channel"),
                rs.getString("ts"),
                view(rs),
                rs.getLong("revision"),
                rs.getInt("attempts"));
    }

    private DeploymentView view(ResultSet rs) throws SQLException {
        return json.readValue(rs.getString("view"), DeploymentView.class);
    }

    private String write(DeploymentView view) {
        return json.writeValueAsString(view);
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
