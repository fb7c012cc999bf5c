package dev.stagecraft.command.slack;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code stagecraft.slack.*}; a property left out takes the default shown.
 *
 * @param signingSecret the Slack app's signing secret (env {@code STAGECRAFT_SLACK_SIGNING_SECRET}); empty
 *     (default) turns {@code POST /slack/commands} off (503)
 * @param tolerance how far a request's {@code X-Slack-Request-Timestamp} may be from now; default 5m, as
 *     Slack recommends
 * @param command the slash command's name as users type it, for usage lines; default {@code /stagecraft}
 * @param responseUrlHosts hosts a {@code response_url} may point to; default {@code hooks.slack.com}
 * @param queryTimeout time limit of one call to query-service (list, diff); default 5s
 * @param followUpTimeout time limit of one POST to a {@code response_url}; default 10s
 */
@ConfigurationProperties("stagecraft.slack")
public record SlackProperties(
        String signingSecret,
        Duration tolerance,
        String command,
        List<String> responseUrlHosts,
        Duration queryTimeout,
        Duration followUpTimeout) {

    public SlackProperties {
        signingSecret = signingSecret == null ? "" : signingSecret.strip();
        tolerance = tolerance == null ? Duration.ofMinutes(5) : tolerance;
        command = command == null || command.isBlank() ? "/stagecraft" : command.strip();
        responseUrlHosts = responseUrlHosts == null || responseUrlHosts.isEmpty()
                ? List.of("hooks.slack.com")
                : responseUrlHosts.stream()
                        .map(host -> host.strip().toLowerCase(Locale.ROOT))
                        .toList();
        queryTimeout = queryTimeout == null ? Duration.ofSeconds(5) : queryTimeout;
        followUpTimeout = followUpTimeout == null ? Duration.ofSeconds(10) : followUpTimeout;
    }

    boolean configured() {
        return !signingSecret.isEmpty();
    }

    /** True if Stagecraft may POST its answer to {@code host} (a response_url's host). */
    boolean mayAnswerAt(@Nullable String host) {
        return host != null && responseUrlHosts.contains(host.toLowerCase(Locale.ROOT));
    }
}
