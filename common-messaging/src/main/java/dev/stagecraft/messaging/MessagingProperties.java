package dev.stagecraft.messaging;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code stagecraft.messaging.*}.
 *
 * @param appId the AMQP {@code app_id} of what this service publishes; defaults to {@code spring.application.name}
 * @param confirmTimeout how long to wait for the broker's publisher confirm before the publication counts as failed
 * @param resubmitInterval how often outbox publications that failed (e.g. broker unreachable) are retried
 * @param resubmitOlderThan only publications at least this old are retried, so in-flight ones are left alone
 * @param deliveryLimit deliveries of one message before the broker dead-letters it (quorum {@code x-delivery-limit})
 * @param redeliveryBackoff how long a listener waits before handling a message again that failed once; doubled
 *     for each further failure
 * @param redeliveryBackoffMax the longest such wait
 */
@ConfigurationProperties("stagecraft.messaging")
public record MessagingProperties(
        @Nullable String appId,
        Duration confirmTimeout,
        Duration resubmitInterval,
        Duration resubmitOlderThan,
        int deliveryLimit,
        Duration redeliveryBackoff,
        Duration redeliveryBackoffMax) {

    public MessagingProperties {
        confirmTimeout = confirmTimeout == null ? Duration.ofSeconds(5) : confirmTimeout;
        resubmitInterval = resubmitInterval == null ? Duration.ofSeconds(5) : resubmitInterval;
        resubmitOlderThan = resubmitOlderThan == null ? Duration.ofSeconds(2) : resubmitOlderThan;
        deliveryLimit = deliveryLimit <= 0 ? 10 : deliveryLimit;
        redeliveryBackoff = redeliveryBackoff == null ? Duration.ofSeconds(1) : redeliveryBackoff;
        redeliveryBackoffMax = redeliveryBackoffMax == null ? Duration.ofSeconds(60) : redeliveryBackoffMax;
    }
}
