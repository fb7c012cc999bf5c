package dev.stagecraft.notifier.slack;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Brings Slack in line with {@code slack_message}: posts the message of a deployment that has none yet,
 * updates one whose view changed since Slack last showed it. Failures are retried with exponential
 * backoff; a rate limit waits for Slack's {@code Retry-After}. Calls happen outside any transaction.
 */
class SlackDeliverer {

    private static final Logger log = LoggerFactory.getLogger(SlackDeliverer.class);

    private final SlackMessageStore store;
    private final SlackGateway gateway;
    private final SlackProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Duration claim;

    SlackDeliverer(
            SlackMessageStore store,
            SlackGateway gateway,
            SlackProperties properties,
            Clock clock,
            MeterRegistry meters) {
        this.store = store;
        this.gateway = gateway;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        // long enough for a batch of calls that all run into the time limit
        this.claim = properties.timeout().multipliedBy(properties.batchSize() + 1L);
    }

    @Scheduled(fixedDelayString = "${stagecraft.notifier.slack.poll-interval:1s}")
    void deliverDue() {
        if (!properties.enabled()) {
            return;
        }
        Instant now = clock.instant();
        for (PendingMessage message : store.claimDue(now, now.plus(claim), properties.batchSize())) {
            deliver(message);
        }
    }

    void deliver(PendingMessage message) {
        SlackMessageContent content = switch (message.kind()) {
            case DEPLOYMENT -> SlackMessageContent.of(message.view());
            case APPROVAL -> ApprovalMessageContent.of(message.view(), properties.command());
        };
        SlackAnswer answer = message.posted()
                ? gateway.update(message.channel(), message.ts(), content)
                : gateway.post(message.channel(), content);
        String method = message.posted() ? "chat.update" : "chat.postMessage";
        switch (answer) {
            case SlackAnswer.Accepted accepted -> delivered(message, accepted);
            case SlackAnswer.RateLimited limited -> rateLimited(message, limited, method);
            case SlackAnswer.Failed failed -> failed(message, failed, method);
        }
        meters.counter("stagecraft.notifier.slack.calls", "method", method, "outcome", outcome(answer))
                .increment();
    }

    private void delivered(PendingMessage message, SlackAnswer.Accepted accepted) {
        store.delivered(message, accepted.channel(), accepted.ts(), clock.instant());
    }

    private void rateLimited(PendingMessage message, SlackAnswer.RateLimited limited, String method) {
        Duration wait =
                limited.retryAfter() != null ? limited.retryAfter() : properties.backoff(message.attempts() + 1);
        log.info("Slack rate-limited {} for deployment {}; retrying in {}", method, message.deploymentId(), wait);
        Instant now = clock.instant();
        store.retryAt(message, now.plus(wait), message.attempts(), "rate limited", now);
    }

    private void failed(PendingMessage message, SlackAnswer.Failed failed, String method) {
        int attempts = message.attempts() + 1;
        Instant now = clock.instant();
        if (attempts >= properties.maxAttempts()) {
            log.error(
                    "giving up {} for deployment {} after {} attempts: {}; its next event tries again",
                    method,
                    message.deploymentId(),
                    attempts,
                    failed.reason());
            store.giveUp(message, attempts, failed.reason(), now);
            return;
        }
        Duration wait = properties.backoff(attempts);
        log.warn(
                "{} for deployment {} failed (attempt {}): {}; retrying in {}",
                method,
                message.deploymentId(),
                attempts,
                failed.reason(),
                wait);
        store.retryAt(message, now.plus(wait), attempts, failed.reason(), now);
    }

    private static String outcome(SlackAnswer answer) {
        return switch (answer) {
            case SlackAnswer.Accepted accepted -> "ok";
            case SlackAnswer.RateLimited limited -> "rate-limited";
            case SlackAnswer.Failed failed -> "failed";
        };
    }
}
