package dev.stagecraft.command.access.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.stagecraft.command.access.Grant;
import dev.stagecraft.command.access.Role;
import dev.stagecraft.command.access.StoredToken;
import dev.stagecraft.command.access.User;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/** What the users API reads and writes. */
final class UserBodies {

    /** DNS-ish: lower-case letters, digits, {@code -} and {@code .}, starting and ending with a letter or digit. */
    private static final Pattern USER_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,61}[a-z0-9])?");

    private static final Pattern APP_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,51}[a-z0-9])?");
    static final int MIN_PASSWORD = 8;

    private UserBodies() {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RoleBody(@Nullable String role, @Nullable String app) {

        static RoleBody of(Grant grant) {
            return new RoleBody(grant.role().wireName(), grant.app());
        }

        Grant toGrant() {
            if (role == null) {
                throw new AccessProblem(
                        HttpStatus.BAD_REQUEST,
                        "every entry of roles needs a role: viewer, deployer, approver or admin");
            }
            if (app != null && !APP_NAME.matcher(app).matches()) {
                throw new AccessProblem(
                        HttpStatus.BAD_REQUEST,
                        "'" + app + "' is not an application name; leave app out for all applications");
            }
            try {
                return new Grant(Role.ofWireName(role), app);
            } catch (IllegalArgumentException e) {
                throw new AccessProblem(HttpStatus.BAD_REQUEST, String.valueOf(e.getMessage()));
            }
        }
    }

    record CreateUser(
            @Nullable String name,
            @Nullable List<RoleBody> roles,
            @Nullable String slackUserId,
            @Nullable String password) {}

    /** A change: what is left out stays as it is; an empty slackUserId or password removes it. */
    record ChangeUser(
            @Nullable List<RoleBody> roles,
            @Nullable String slackUserId,
            @Nullable String password) {}

    record IssueToken(@Nullable String label) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record UserView(
            String name, List<RoleBody> roles, @Nullable String slackUserId, boolean hasPassword, Instant createdAt) {

        static UserView of(User user) {
            return new UserView(
                    user.name(),
                    user.grants().stream().map(RoleBody::of).toList(),
                    user.slackUserId(),
                    user.hasPassword(),
                    user.createdAt());
        }
    }

    record Me(String name, List<RoleBody> roles) {}

    record IssuedToken(UUID id, String user, String label, String token, Instant createdAt) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TokenView(
            UUID id,
            String label,
            Instant createdAt,
            @Nullable Instant lastUsedAt,
            @Nullable Instant revokedAt) {

        static TokenView of(StoredToken token) {
            return new TokenView(token.id(), token.label(), token.createdAt(), token.lastUsedAt(), token.revokedAt());
        }
    }

    static List<Grant> grants(@Nullable List<RoleBody> roles) {
        return roles == null
                ? List.of()
                : roles.stream().map(RoleBody::toGrant).distinct().toList();
    }

    static String checkedName(@Nullable String name) {
        if (name == null || !USER_NAME.matcher(name).matches()) {
            throw new AccessProblem(
                    HttpStatus.BAD_REQUEST,
                    "name " + (name == null ? "is required" : "'" + name + "' is not a user name")
                            + ": use lower-case letters, digits, '-' and '.' (at most 63), e.g. alice or alice.smith");
        }
        return name;
    }

    static void checkPassword(String password) {
        if (password.length() < MIN_PASSWORD) {
            throw new AccessProblem(
                    HttpStatus.BAD_REQUEST,
                    "password must have at least " + MIN_PASSWORD + " characters (or leave it out and use tokens)");
        }
        if (password.startsWith("sc_")) {
            throw new AccessProblem(
                    HttpStatus.BAD_REQUEST, "password must not start with sc_: that prefix marks API tokens");
        }
    }
}
