package dev.stagecraft.query.access;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The part of {@code stagecraft.query.*} about callers.
 *
 * @param commandBaseUrl where command-service answers; its {@code GET /api/v1/users/me} says who a caller is
 * @param auth how long answers are kept and how long to wait for one
 */
@ConfigurationProperties("stagecraft.query")
record AccessProperties(
        @Nullable URI commandBaseUrl, @Nullable Auth auth) {

    AccessProperties {
        commandBaseUrl = commandBaseUrl == null ? URI.create("http://127.0.0.1:8080") : commandBaseUrl;
        auth = auth == null ? new Auth(null, null) : auth;
    }

    /**
     * @param cacheTtl how long command-service's answer about a credential is reused; a revoked token or a changed
     *     role takes effect here within this time
     * @param timeout how long to wait for command-service before answering 503
     */
    record Auth(@Nullable Duration cacheTtl, @Nullable Duration timeout) {

        Auth {
            cacheTtl = cacheTtl == null ? Duration.ofSeconds(30) : cacheTtl;
            timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
        }
    }

    URI meUrl() {
        String base = String.valueOf(commandBaseUrl);
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api/v1/users/me");
    }
}
