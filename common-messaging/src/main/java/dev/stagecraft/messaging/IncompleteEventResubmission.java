package dev.stagecraft.messaging;

import java.util.concurrent.TimeUnit;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Resubmits the in-process events a service publishes through Spring Modulith's event publication registry
 * ({@code event_publication}) whose transactional listener failed, e.g. command-service's {@code
 * AutoPromotionDue}. The outbox no longer uses the registry ({@link OutboxRelay} has a table of its own); this is
 * what is left of it here, so those events keep being retried as before.
 */
class IncompleteEventResubmission {

    private final IncompleteEventPublications incomplete;
    private final MessagingProperties properties;

    IncompleteEventResubmission(IncompleteEventPublications incomplete, MessagingProperties properties) {
        this.incomplete = incomplete;
        this.properties = properties;
    }

    @Scheduled(
            fixedDelayString = "${stagecraft.messaging.resubmit-interval:5s}",
            initialDelayString = "${stagecraft.messaging.resubmit-interval:5s}",
            timeUnit = TimeUnit.MILLISECONDS)
    void resubmit() {
        incomplete.resubmitIncompletePublicationsOlderThan(properties.resubmitOlderThan());
    }
}
