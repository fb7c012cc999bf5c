package dev.stagecraft.notifier.slack;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
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
 * @param approvalChannel default channel of approval requests; empty (default): the deployment's channel
 * @param routes channels per application and stage, most specific first (see {@link Route}); they win over
 *     {@code channels} and the defaults
 * @param command the Stagecraft slash command, as approval requests tell approvers to type it; default
 *     {@code /stagecraft}
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
        int batchSize,
        String approvalChannel,
        List<Route> routes,
        String command) {

    /**
     * Where one application's (or, with {@code app} {@code *}, every application's) deployments are announced,
     * optionally only for one {@code stage} (the name of the stage's environment): {@code channel} for the
     * deployment messages, {@code approvalChannel} for approval requests. Either may be left out; the next
     * route that matches (or the defaults) then decides it.
     */
    public record Route(
            String app,
            @Nullable String stage,
            @Nullable String channel,
            @Nullable String approvalChannel) {

        public Route {
            app = app == null || app.isBlank() ? ANY : app.strip();
            stage = blankToNull(stage);
            channel = blankToNull(channel);
            approvalChannel = blankToNull(approvalChannel);
        }

        boolean matches(@Nullable String forApp, @Nullable String forStage) {
            return (app.equals(ANY) || app.equals(forApp)) && (stage == null || stage.equals(forStage));
        }

        /** 3 for app and stage, 2 for the app, 1 for a stage of any app, 0 for any. */
        int specificity() {
            return (app.equals(ANY) ? 0 : 2) + (stage == null ? 0 : 1);
        }
    }

    static final String ANY = "*";

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
        approvalChannel = approvalChannel == null ? "" : approvalChannel.strip();
        routes = routes == null ? List.of() : List.copyOf(routes);
        command = command == null || command.isBlank() ? "/stagecraft" : command.strip();
    }

    public boolean enabled() {
        return !token.isEmpty();
    }

    /** The channel of an application's deployments, ignoring stage routes; see {@link #channelFor(String, String)}. */
    public Optional<String> channelFor(@Nullable String app) {
        return channelFor(app, null);
    }

    /**
     * The channel of the deployments of {@code app} into {@code environment}: the most specific route's
     * {@code channel}, else the application's entry in {@code channels}, else the default; empty if none is set.
     */
    public Optional<String> channelFor(@Nullable String app, @Nullable String environment) {
        Optional<String> routed = routed(app, environment, Route::channel);
        if (routed.isPresent()) {
            return routed;
        }
        String own = app == null ? null : channels.get(app);
        String chosen = own != null && !own.isBlank() ? own.strip() : channel;
        return chosen.isEmpty() ? Optional.empty() : Optional.of(chosen);
    }

    /**
     * The channel where approval of a deployment of {@code app} into {@code stage} is asked for: the most
     * specific route's {@code approvalChannel}, else {@code approval-channel}, else the stage's deployment channel.
     */
    public Optional<String> approvalChannelFor(@Nullable String app, @Nullable String stage) {
        Optional<String> routed = routed(app, stage, Route::approvalChannel);
        if (routed.isPresent()) {
            return routed;
        }
        return approvalChannel.isEmpty() ? channelFor(app, stage) : Optional.of(approvalChannel);
    }

    private Optional<String> routed(
            @Nullable String app, @Nullable String stage, Function<Route, @Nullable String> attribute) {
        return routes.stream()
                .filter(route -> route.matches(app, stage))
                .sorted(Comparator.comparingInt(Route::specificity).reversed())
                .map(attribute)
                .filter(Objects::nonNull)
                .findFirst();
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
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
