package dev.stagecraft.notifier.slack;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** What came of one Slack call. */
sealed interface SlackAnswer {

    /** {@code ok:true}: the message is {@code channel}/{@code ts}. */
    record Accepted(String channel, String ts) implements SlackAnswer {}

    /** HTTP 429 (or {@code ratelimited}): try again after {@code retryAfter}, Slack's {@code Retry-After}. */
    record RateLimited(@Nullable Duration retryAfter) implements SlackAnswer {}

    /** {@code ok:false}, another HTTP error or no answer at all: {@code reason} says which. */
    record Failed(String reason) implements SlackAnswer {}
}
