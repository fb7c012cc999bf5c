package dev.stagecraft.command.access;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * With {@code stagecraft.auth.bootstrap-admin-token} set, makes sure that user {@code admin} exists, holds the admin
 * role for all applications and holds that token, so that a fresh installation has someone who can create the other
 * users. Runs at every start and changes nothing the second time; no other user is touched, and a bootstrap token
 * that was revoked stays revoked.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    static final String ADMIN = "admin";
    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final Users users;
    private final AccessProperties properties;

    AdminBootstrap(Users users, AccessProperties properties) {
        this.users = users;
        this.properties = properties;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        String token = properties.bootstrapAdminToken();
        if (token == null) {
            return;
        }
        if (users.ensure(ADMIN)) {
            log.info("created user {} from stagecraft.auth.bootstrap-admin-token", ADMIN);
        }
        users.grant(ADMIN, Grant.everywhere(Role.ADMIN));
        String hash = ApiTokens.hash(token);
        Optional<StoredToken> known = users.tokenByHash(hash);
        if (known.isEmpty()) {
            users.issue(ADMIN, "bootstrap", hash);
        } else if (!known.get().user().equals(ADMIN)) {
            log.warn(
                    "stagecraft.auth.bootstrap-admin-token is a token of user {}, not of {}; it was left as it is",
                    known.get().user(),
                    ADMIN);
        } else if (known.get().revokedAt() != null) {
            log.warn(
                    "stagecraft.auth.bootstrap-admin-token was revoked and stays revoked; set another one or unset it");
        }
    }
}
