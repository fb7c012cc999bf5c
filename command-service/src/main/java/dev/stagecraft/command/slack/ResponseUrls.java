package dev.stagecraft.command.slack;

import com.slack.api.Slack;
import com.slack.api.webhook.WebhookResponse;
import java.io.IOException;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts follow-up messages to a slash command's {@code response_url} with the Slack SDK. Only hosts listed in
 * {@code stagecraft.slack.response-url-hosts} are called: the URL comes from a signed request, and this keeps a
 * leaked signing secret from turning Stagecraft into a client of arbitrary URLs.
 */
class ResponseUrls {

    private static final Logger log = LoggerFactory.getLogger(ResponseUrls.class);

    private final Slack slack;
    private final SlackProperties properties;

    ResponseUrls(Slack slack, SlackProperties properties) {
        this.slack = slack;
        this.properties = properties;
    }

    /** True if a follow-up may be sent to {@code url}. */
    boolean usable(@Nullable String url) {
        if (url == null || url.isBlank()) {
            return false;
        }
        try {
            URI uri = URI.create(url);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                    && properties.mayAnswerAt(uri.getHost());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    void send(String url, SlackReply reply) {
        try {
            WebhookResponse response = slack.send(url, reply.json());
            if (response.getCode() / 100 != 2) {
                log.warn(
                        "Slack refused a follow-up ({}): HTTP {} {}",
                        reply.text(),
                        response.getCode(),
                        response.getBody());
            }
        } catch (IOException e) {
            log.warn("could not send a follow-up to Slack ({}): {}", reply.text(), e.toString());
        }
    }
}
