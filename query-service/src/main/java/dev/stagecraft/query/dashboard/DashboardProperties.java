package dev.stagecraft.query.dashboard;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code stagecraft.query.dashboard.*}: where the browser finds the other services. Unset, each is the host the
 * browser used to reach query-service, on the service's default port (8080 for command-service, 8082 for
 * notifier-service).
 *
 * @param commandUrl command-service's base URL as the browser reaches it, e.g. {@code https://cmd.example}
 * @param notifierUrl notifier-service's base URL as the browser reaches it ({@code http(s)://} or {@code ws(s)://})
 */
@ConfigurationProperties("stagecraft.query.dashboard")
record DashboardProperties(
        @Nullable String commandUrl, @Nullable String notifierUrl) {

    DashboardProperties {
        commandUrl = blankToNull(commandUrl);
        notifierUrl = blankToNull(notifierUrl);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip().replaceAll("/+$", "");
    }
}
