package dev.stagecraft.command.access;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code stagecraft.command.cors.*}: which browser origins may call {@code /api/**} (the dashboard served by
 * query-service is on another port, so another origin). Callers authenticate with an {@code Authorization} header,
 * never a cookie, so a page on an allowed origin can do nothing its user's token could not do anyway.
 *
 * @param allowedOrigins origin patterns, e.g. {@code https://stagecraft.example}; {@code *} (the default) = any
 * @param maxAge how long a browser may cache the answer to a preflight request
 */
@ConfigurationProperties("stagecraft.command.cors")
record CorsProperties(
        @Nullable List<String> allowedOrigins, @Nullable Duration maxAge) {

    CorsProperties {
        allowedOrigins =
                allowedOrigins == null || allowedOrigins.isEmpty() ? List.of("*") : List.copyOf(allowedOrigins);
        maxAge = maxAge == null ? Duration.ofMinutes(30) : maxAge;
    }
}
