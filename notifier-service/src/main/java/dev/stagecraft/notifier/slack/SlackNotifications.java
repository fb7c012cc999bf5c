package dev.stagecraft.notifier.slack;

import dev.stagecraft.contracts.event.DeploymentEvent;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records what a deployment's Slack message should show, in the transaction that consumes the event.
 * Nothing is sent here: {@link SlackDeliverer} posts or updates the message after commit, so a Slack
 * outage never holds up or dead-letters an event, and a committed change is never lost.
 */
@Service
public class SlackNotifications {

    private static final Logger log = LoggerFactory.getLogger(SlackNotifications.class);

    private final SlackProperties properties;
    private final SlackMessageStore store;
    private final Clock clock;

    SlackNotifications(SlackProperties properties, SlackMessageStore store, Clock clock) {
        this.properties = properties;
        this.store = store;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(DeploymentEvent event) {
        if (!properties.enabled()) {
            return;
        }
        Optional<String> channel = properties.channelFor(event.app());
        if (channel.isEmpty()) {
            log.debug(
                    "no Slack channel for application {}; deployment {} is not announced",
                    event.app(),
                    event.deploymentId());
            return;
        }
        Optional<DeploymentView> current = store.lockView(event.deploymentId());
        if (current.isPresent()) {
            change(current.get(), event);
        } else if (!store.insert(DeploymentView.of(event), channel.get(), clock.instant())) {
            // another consumer added the deployment's message meanwhile: apply the event to theirs
            store.lockView(event.deploymentId()).ifPresent(view -> change(view, event));
        }
    }

    private void change(DeploymentView current, DeploymentEvent event) {
        DeploymentView next = current.apply(event);
        if (!next.equals(current)) {
            store.change(next, clock.instant());
        }
    }
}
