package dev.stagecraft.notifier.slack;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code stagecraft.notifier.slack.*}; a property left out takes the default shown.
 *
 * @param token bot token ({@code xoxb-…}, scope {@code chat:write}); empty (default) disables Slack
 * @param baseUrl prefix of the Web API methods; default {@code https://slack.com/api/}
 * @param channel default channel (name or id) for deployments of applications without their own
 * @param channels per-application channel: {@code channels.<app>=<channel>}
 * @param pollInterval how often due deliveries are looked for; default 1s
 * @param timeout time limit of one Slack call; default 10s
 * @param initialBackoff wait after the first failed call of a message; doubles per failure; default 1s
 * @param maxBackoff the longest wait between two attempts; default 5m
 * @param maxAttempts failed attempts (rate limiting not counted) after which a message is given up
 *     until its deployment's next event; default 30
 * @param batchSize deliveries claimed per poll; default 20
 */
@ConfigurationProperties("stagecraft.notifier.slack")
public record SlackProperties(
        String token,
        String baseUrl,
        String channel,
        Map<String, String> channels,
        Duration pollInterval,
        Duration timeout,
        Duration initialBackoff,
        Duration maxBackoff,
        int maxAttempts,
        int batchSize) {

    public SlackProperties {
        token = token == null ? "" : token.strip();
        baseUrl = baseUrl == null || baseUrl.isBlank() ? "https://slack.com/api/" : withTrailingSlash(baseUrl.strip());
        channel = channel == null ? "" : channel.strip();
        channels = channels == null ? Map.of() : Map.copyOf(channels);
        pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        initialBackoff = initialBackoff == null ? Duration.ofSeconds(1) : initialBackoff;
        maxBackoff = maxBackoff == null ? Duration.ofMinutes(5) : maxBackoff;
        maxAttempts = maxAttempts <= 0 ? 30 : maxAttempts;
        batchSize = batchSize <= 0 ? 20 : batchSize;
    }

    public boolean enabled() {
        return !token.isEmpty();
    }

    /** The channel of an application's deployments: its own, else the default; empty if neither is set. */
    public Optional<String> channelFor(@Nullable String app) {
        String own = app == null ? null : channels.get(app);
        String chosen = own != null && !own.isBlank() ? own.strip() : channel;
        return chosen.isEmpty() ? Optional.empty() : Optional.of(chosen);
    }

    /** The wait after {@code failures} failed attempts: the initial backoff doubled per failure, capped. */
    Duration backoff(int failures) {
        Duration wait = initialBackoff.multipliedBy(1L << Math.min(Math.max(failures - 1, 0), 20));
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }

    private static String withTrailingSlash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }
}
