package dev.stagecraft.command.access.web;

import dev.stagecraft.command.access.ApiTokens;
import dev.stagecraft.command.access.Caller;
import dev.stagecraft.command.access.CurrentCaller;
import dev.stagecraft.command.access.Permissions;
import dev.stagecraft.command.access.Role;
import dev.stagecraft.command.access.StoredToken;
import dev.stagecraft.command.access.User;
import dev.stagecraft.command.access.Users;
import dev.stagecraft.command.access.web.UserBodies.ChangeUser;
import dev.stagecraft.command.access.web.UserBodies.CreateUser;
import dev.stagecraft.command.access.web.UserBodies.IssueToken;
import dev.stagecraft.command.access.web.UserBodies.IssuedToken;
import dev.stagecraft.command.access.web.UserBodies.Me;
import dev.stagecraft.command.access.web.UserBodies.RoleBody;
import dev.stagecraft.command.access.web.UserBodies.TokenView;
import dev.stagecraft.command.access.web.UserBodies.UserView;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/users}: users, their roles and their API tokens. Managing users needs the admin role for all
 * applications; anyone may read who they are ({@code /me}) and issue, list and revoke their own tokens.
 */
@RestController
@RequestMapping("/api/v1/users")
class UsersController {

    private final Users users;
    private final PasswordEncoder passwords;

    UsersController(Users users, PasswordEncoder passwords) {
        this.users = users;
        this.passwords = passwords;
    }

    @GetMapping("/me")
    Me me() {
        Caller caller = caller();
        return new Me(caller.name(), caller.grants().stream().map(RoleBody::of).toList());
    }

    @GetMapping
    List<UserView> list() {
        requireAdmin(caller(), "list users");
        return users.all().stream().map(UserView::of).toList();
    }

    @GetMapping("/{name}")
    UserView one(@PathVariable String name) {
        requireAdminOrSelf(caller(), name, "read user " + name);
        return UserView.of(existing(name));
    }

    @PostMapping
    @Transactional
    ResponseEntity<UserView> create(@RequestBody CreateUser body) {
        requireAdmin(caller(), "create users");
        String name = UserBodies.checkedName(body.name());
        if (users.find(name).isPresent()) {
            throw new AccessProblem(
                    HttpStatus.CONFLICT, "user " + name + " exists already; change it with PUT /api/v1/users/" + name);
        }
        try {
            users.create(
                    name, UserBodies.grants(body.roles()), emptyToNull(body.slackUserId()), hashOf(body.password()));
        } catch (DuplicateKeyException e) {
            throw slackIdTaken(body.slackUserId());
        }
        return ResponseEntity.created(URI.create("/api/v1/users/" + name)).body(UserView.of(existing(name)));
    }

    @PutMapping("/{name}")
    @Transactional
    ResponseEntity<UserView> change(@PathVariable String name, @RequestBody ChangeUser body) {
        requireAdmin(caller(), "change users");
        UserBodies.checkedName(name);
        boolean created = users.ensure(name);
        try {
            if (body.roles() != null) {
                users.replaceGrants(name, UserBodies.grants(body.roles()));
            }
            if (body.slackUserId() != null) {
                users.setSlackUserId(name, emptyToNull(body.slackUserId()));
            }
        } catch (DuplicateKeyException e) {
            throw slackIdTaken(body.slackUserId());
        }
        if (body.password() != null) {
            users.setPasswordHash(name, hashOf(body.password()));
        }
        UserView view = UserView.of(existing(name));
        return created
                ? ResponseEntity.created(URI.create("/api/v1/users/" + name)).body(view)
                : ResponseEntity.ok(view);
    }

    @DeleteMapping("/{name}")
    ResponseEntity<Void> delete(@PathVariable String name) {
        Caller caller = caller();
        requireAdmin(caller, "delete users");
        if (caller.name().equals(name)) {
            throw new AccessProblem(
                    HttpStatus.CONFLICT, "you cannot delete yourself (" + name + "); let another admin do it");
        }
        if (!users.delete(name)) {
            throw unknown(name);
        }
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{name}/tokens")
    ResponseEntity<IssuedToken> issue(
            @PathVariable String name, @RequestBody(required = false) @Nullable IssueToken body) {
        requireAdminOrSelf(caller(), name, "issue tokens for " + name);
        existing(name);
        String label = body == null || body.label() == null || body.label().isBlank()
                ? "token"
                : body.label().strip();
        String token = ApiTokens.generate();
        StoredToken stored = users.issue(name, label, ApiTokens.hash(token));
        return ResponseEntity.created(URI.create("/api/v1/users/" + name + "/tokens/" + stored.id()))
                .body(new IssuedToken(stored.id(), name, label, token, stored.createdAt()));
    }

    @GetMapping("/{name}/tokens")
    List<TokenView> tokens(@PathVariable String name) {
        requireAdminOrSelf(caller(), name, "list the tokens of " + name);
        existing(name);
        return users.tokens(name).stream().map(TokenView::of).toList();
    }

    @DeleteMapping("/{name}/tokens/{id}")
    ResponseEntity<Void> revoke(@PathVariable String name, @PathVariable String id) {
        requireAdminOrSelf(caller(), name, "revoke tokens of " + name);
        UUID tokenId;
        try {
            tokenId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new AccessProblem(
                    HttpStatus.BAD_REQUEST,
                    "'" + id + "' is not a token id; GET /api/v1/users/" + name + "/tokens lists them");
        }
        if (!users.revoke(name, tokenId)) {
            throw new AccessProblem(
                    HttpStatus.NOT_FOUND,
                    "user " + name + " has no token " + id + "; GET /api/v1/users/" + name + "/tokens lists them");
        }
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler(AccessProblem.class)
    ResponseEntity<ProblemDetail> problem(AccessProblem problem) {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(problem.status(), problem.getMessage());
        detail.setType(URI.create("urn:stagecraft:problem:"
                + problem.status().name().toLowerCase().replace('_', '-')));
        return ResponseEntity.status(problem.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(detail);
    }

    private static Caller caller() {
        return CurrentCaller.get()
                .orElseThrow(() -> new AccessProblem(HttpStatus.UNAUTHORIZED, "this call needs an API token"));
    }

    private static void requireAdmin(Caller caller, String doing) {
        if (!caller.has(Role.ADMIN, null)) {
            throw new AccessProblem(
                    HttpStatus.FORBIDDEN,
                    caller.name() + " may not " + doing + ": that needs the admin role for all applications, "
                            + caller.name() + " has " + Permissions.holding(caller, null)
                            + "; an admin can grant it with PUT /api/v1/users/" + caller.name());
        }
    }

    private static void requireAdminOrSelf(Caller caller, String name, String doing) {
        if (!caller.name().equals(name)) {
            requireAdmin(caller, doing);
        }
    }

    private User existing(String name) {
        return users.find(name).orElseThrow(() -> unknown(name));
    }

    private static AccessProblem unknown(String name) {
        return new AccessProblem(
                HttpStatus.NOT_FOUND, "user " + name + " does not exist; GET /api/v1/users lists the users");
    }

    private static AccessProblem slackIdTaken(@Nullable String slackUserId) {
        return new AccessProblem(
                HttpStatus.CONFLICT,
                "Slack user " + slackUserId + " is mapped to another user already; remove it there first");
    }

    private @Nullable String hashOf(@Nullable String password) {
        if (password == null || password.isEmpty()) {
            return null;
        }
        UserBodies.checkPassword(password);
        return passwords.encode(password);
    }

    private static @Nullable String emptyToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
