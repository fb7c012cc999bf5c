package dev.stagecraft.messaging;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code stagecraft.messaging.*}.
 *
 * @param appId the AMQP {@code app_id} of what this service publishes; defaults to {@code spring.application.name}
 * @param confirmTimeout how long the outbox relay waits for the broker's publisher confirms of one batch before
 *     the batch counts as failed (and stays in the outbox)
 * @param resubmitInterval how long the outbox relay waits before it tries again after a failed batch (broker
 *     unreachable, nack, no confirm in time, database error); also how often Spring Modulith's incomplete
 *     in-process event publications are resubmitted
 * @param resubmitOlderThan only in-process event publications at least this old are resubmitted, so in-flight
 *     ones are left alone (the outbox relay does not use it)
 * @param relayBatchSize the most outbox messages the relay publishes in one transaction and one confirm wait
 * @param relayPollInterval how long the relay sleeps when the outbox is empty and no commit of this instance
 *     woke it; bounds the delay of messages committed by another instance or before a restart
 * @param relayShutdownTimeout how long the relay keeps flushing the outbox when the service shuts down
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
        int relayBatchSize,
        Duration relayPollInterval,
        Duration relayShutdownTimeout,
        int deliveryLimit,
        Duration redeliveryBackoff,
        Duration redeliveryBackoffMax) {

    public MessagingProperties {
        confirmTimeout = confirmTimeout == null ? Duration.ofSeconds(5) : confirmTimeout;
        resubmitInterval = resubmitInterval == null ? Duration.ofSeconds(5) : resubmitInterval;
        resubmitOlderThan = resubmitOlderThan == null ? Duration.ofSeconds(2) : resubmitOlderThan;
        relayBatchSize = relayBatchSize <= 0 ? 500 : relayBatchSize;
        relayPollInterval = relayPollInterval == null ? Duration.ofSeconds(1) : relayPollInterval;
        relayShutdownTimeout = relayShutdownTimeout == null ? Duration.ofSeconds(10) : relayShutdownTimeout;
        deliveryLimit = deliveryLimit <= 0 ? 10 : deliveryLimit;
        redeliveryBackoff = redeliveryBackoff == null ? Duration.ofSeconds(1) : redeliveryBackoff;
        redeliveryBackoffMax = redeliveryBackoffMax == null ? Duration.ofSeconds(60) : redeliveryBackoffMax;
    }
}
