package dev.stagecraft.notifier.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.request.chat.ChatPostMessageRequest;
import com.slack.api.methods.request.chat.ChatUpdateRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Posts and updates messages through the Slack SDK ({@code chat.postMessage}, {@code chat.update}) and
 * turns whatever happens, answers and exceptions alike, into a {@link SlackAnswer}.
 */
class SlackGateway {

    private final MethodsClient slack;

    SlackGateway(MethodsClient slack) {
        this.slack = slack;
    }

    SlackAnswer post(String channel, SlackMessageContent content) {
        return call(() -> {
            var response = slack.chatPostMessage(ChatPostMessageRequest.builder()
                    .channel(channel)
                    .text(content.text())
                    .blocks(content.blocks())
                    .build());
            return answer(response, r -> new SlackAnswer.Accepted(r.getChannel(), r.getTs()));
        });
    }

    SlackAnswer update(String channel, String ts, SlackMessageContent content) {
        return call(() -> {
            var response = slack.chatUpdate(ChatUpdateRequest.builder()
                    .channel(channel)
                    .ts(ts)
                    .text(content.text())
                    .blocks(content.blocks())
                    .build());
            return answer(
                    response,
                    r -> new SlackAnswer.Accepted(
                            r.getChannel() != null ? r.getChannel() : channel, r.getTs() != null ? r.getTs() : ts));
        });
    }

    private interface SlackCall {
        SlackAnswer run() throws IOException, SlackApiException;
    }

    private static SlackAnswer call(SlackCall call) {
        try {
            return call.run();
        } catch (SlackApiException e) {
            int status = e.getResponse().code();
            if (status == 429) {
                return new SlackAnswer.RateLimited(retryAfter(e.getResponse().header("Retry-After")));
            }
            return new SlackAnswer.Failed("HTTP " + status + " " + abbreviate(e.getResponseBody()));
        } catch (IOException | RuntimeException e) {
            return new SlackAnswer.Failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static <R extends SlackApiTextResponse> SlackAnswer answer(
            R response, Function<R, SlackAnswer.Accepted> accepted) {
        if (response.isOk()) {
            return accepted.apply(response);
        }
        if ("ratelimited".equals(response.getError()) || "rate_limited".equals(response.getError())) {
            return new SlackAnswer.RateLimited(retryAfter(header(response.getHttpResponseHeaders(), "retry-after")));
        }
        return new SlackAnswer.Failed("Slack answered ok:false, error " + response.getError());
    }

    private static @Nullable String header(@Nullable Map<String, List<String>> headers, String name) {
        List<String> values = headers == null ? null : headers.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private static @Nullable Duration retryAfter(@Nullable String seconds) {
        try {
            return seconds == null ? null : Duration.ofSeconds(Long.parseLong(seconds.strip()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String abbreviate(@Nullable String body) {
        if (body == null) {
            return "";
        }
        return body.length() <= 200 ? body : body.substring(0, 200) + "…";
    }
}
