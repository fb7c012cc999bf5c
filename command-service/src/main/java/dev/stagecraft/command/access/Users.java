package dev.stagecraft.command.access;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code users}, {@code grants} and {@code api_tokens} tables. A user is read with one query for the user and
 * one for the grants, one after the other: a query run inside another's row mapper would hold two pooled
 * connections at once, and under concurrent requests the pool starves.
 */
@Repository
public class Users {

    /**
     * How precisely a token's {@code lastUsedAt} is kept: it is written at most once per this interval, so that a
     * busy token does not turn every authenticated request into a write on one row.
     */
    static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final Clock clock;

    Users(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<User> find(String name) {
        return jdbc.sql("SELECT * FROM users WHERE name = ?")
                .param(name)
                .query(Users::row)
                .optional()
                .map(this::withGrants);
    }

    public List<User> all() {
        return jdbc.sql("SELECT * FROM users ORDER BY name").query(Users::row).list().stream()
                .map(this::withGrants)
                .toList();
    }

    public Optional<User> bySlackUserId(String slackUserId) {
        return jdbc.sql("SELECT * FROM users WHERE slack_user_id = ?")
                .param(slackUserId)
                .query(Users::row)
                .optional()
                .map(this::withGrants);
    }

    /** Creates a user; a name or Slack user id taken already fails with {@code DuplicateKeyException}. */
    @Transactional
    public void create(String name, List<Grant> grants, @Nullable String slackUserId, @Nullable String passwordHash) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                        INSERT INTO users (name, slack_user_id, password_hash, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?)""").params(name, slackUserId, passwordHash, now, now).update();
        replaceGrants(name, grants);
    }

    /** Creates user {@code name} with no role and no password unless it exists; true if it was created. */
    public boolean ensure(String name) {
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.sql("""
                        INSERT INTO users (name, created_at, updated_at) VALUES (?, ?, ?)
                        ON CONFLICT (name) DO NOTHING""").params(name, now, now).update() == 1;
    }

    public void grant(String name, Grant grant) {
        jdbc.sql("INSERT INTO grants (user_name, role, app) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                .params(name, grant.role().wireName(), grant.app())
                .update();
    }

    @Transactional
    public void replaceGrants(String name, List<Grant> grants) {
        jdbc.sql("DELETE FROM grants WHERE user_name = ?").param(name).update();
        grants.stream().distinct().forEach(grant -> grant(name, grant));
        touch(name);
    }

    public void setSlackUserId(String name, @Nullable String slackUserId) {
        jdbc.sql("UPDATE users SET slack_user_id = ? WHERE name = ?")
                .params(slackUserId, name)
                .update();
        touch(name);
    }

    public void setPasswordHash(String name, @Nullable String passwordHash) {
        jdbc.sql("UPDATE users SET password_hash = ? WHERE name = ?")
                .params(passwordHash, name)
                .update();
        touch(name);
    }

    public boolean delete(String name) {
        return jdbc.sql("DELETE FROM users WHERE name = ?").param(name).update() == 1;
    }

    public Optional<String> passwordHash(String name) {
        return jdbc.sql("SELECT password_hash FROM users WHERE name = ? AND password_hash IS NOT NULL")
                .param(name)
                .query(String.class)
                .optional();
    }

    /**
     * The user holding the unrevoked token with this hash, noting that the token was used (to within {@link
     * #LAST_USED_PRECISION}).
     */
    public Optional<User> holderOf(String tokenHash) {
        Optional<TokenUse> use = jdbc.sql(
                        "SELECT user_name, last_used_at FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL")
                .param(tokenHash)
                .query((rs, row) -> new TokenUse(rs.getString("user_name"), instant(rs.getTimestamp("last_used_at"))))
                .optional();
        Instant now = clock.instant();
        Timestamp staleBefore = Timestamp.from(now.minus(LAST_USED_PRECISION));
        use.filter(u -> u.lastUsedAt() == null || u.lastUsedAt().isBefore(staleBefore.toInstant()))
                .ifPresent(u -> jdbc.sql("""
                                UPDATE api_tokens SET last_used_at = ?
                                WHERE token_hash = ? AND (last_used_at IS NULL OR last_used_at < ?)""")
                        .params(Timestamp.from(now), tokenHash, staleBefore)
                        .update());
        return use.map(TokenUse::userName).flatMap(this::find);
    }

    /** The token with this hash, revoked or not. */
    public Optional<StoredToken> tokenByHash(String tokenHash) {
        return jdbc.sql("SELECT * FROM api_tokens WHERE token_hash = ?")
                .param(tokenHash)
                .query(Users::token)
                .optional();
    }

    public StoredToken issue(String name, String label, String tokenHash) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        jdbc.sql("""
                        INSERT INTO api_tokens (id, user_name, label, token_hash, created_at)
                        VALUES (?, ?, ?, ?, ?)""").params(id, name, label, tokenHash, Timestamp.from(now)).update();
        return new StoredToken(id, name, label, now, null, null);
    }

    public List<StoredToken> tokens(String name) {
        return jdbc.sql("SELECT * FROM api_tokens WHERE user_name = ? ORDER BY created_at, id")
                .param(name)
                .query(Users::token)
                .list();
    }

    /** Revokes a token of user {@code name}; false if it has no such token. Revoking twice keeps the first time. */
    public boolean revoke(String name, UUID id) {
        jdbc.sql("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_name = ? AND revoked_at IS NULL")
                .params(Timestamp.from(clock.instant()), id, name)
                .update();
        return jdbc.sql("SELECT count(*) FROM api_tokens WHERE id = ? AND user_name = ?")
                        .params(id, name)
                        .query(Long.class)
                        .single()
                > 0;
    }

    private void touch(String name) {
        jdbc.sql("UPDATE users SET updated_at = ? WHERE name = ?")
                .params(Timestamp.from(clock.instant()), name)
                .update();
    }

    private static UserRow row(ResultSet rs, int row) throws SQLException {
        return new UserRow(
                rs.getString("name"),
                rs.getString("slack_user_id"),
                rs.getString("password_hash") != null,
                rs.getTimestamp("created_at").toInstant());
    }

    private User withGrants(UserRow row) {
        return new User(row.name(), grantsOf(row.name()), row.slackUserId(), row.hasPassword(), row.createdAt());
    }

    private record UserRow(String name, @Nullable String slackUserId, boolean hasPassword, Instant createdAt) {}

    private record TokenUse(String userName, @Nullable Instant lastUsedAt) {}

    private List<Grant> grantsOf(String name) {
        return jdbc.sql("SELECT role, app FROM grants WHERE user_name = ? ORDER BY app NULLS FIRST, role")
                .param(name)
                .query((rs, row) -> new Grant(Role.ofWireName(rs.getString("role")), rs.getString("app")))
                .list();
    }

    private static StoredToken token(ResultSet rs, int row) throws SQLException {
        return new StoredToken(
                rs.getObject("id", UUID.class),
                rs.getString("user_name"),
                rs.getString("label"),
                rs.getTimestamp("created_at").toInstant(),
                instant(rs.getTimestamp("last_used_at")),
                instant(rs.getTimestamp("revoked_at")));
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
