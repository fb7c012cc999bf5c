package dev.stagecraft.notifier.slack;

import dev.stagecraft.contracts.event.DeploymentApproved;
import dev.stagecraft.contracts.event.DeploymentAwaitingApproval;
import dev.stagecraft.contracts.event.DeploymentCancelled;
import dev.stagecraft.contracts.event.DeploymentEvent;
import dev.stagecraft.contracts.event.DeploymentRejected;
import dev.stagecraft.contracts.event.DeploymentSuperseded;
import java.time.Clock;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records what a deployment's Slack messages should show, in the transaction that consumes the event: its
 * progress message in the channel routed for its application and stage, and, once it awaits approval, the
 * request for approval in the stage's approval channel (updated when it is approved, rejected or cancelled).
 * Nothing is sent here: {@link SlackDeliverer} posts or updates the messages after commit, so a Slack outage
 * never holds up or dead-letters an event, and a committed change is never lost.
 */
@Service
public class SlackNotifications {

    private static final Logger log = LoggerFactory.getLogger(SlackNotifications.class);

    private final SlackProperties properties;
    private final SlackMessageStore store;
    private final PipelineStages pipelines;
    private final Clock clock;

    SlackNotifications(SlackProperties properties, SlackMessageStore store, PipelineStages pipelines, Clock clock) {
        this.properties = properties;
        this.store = store;
        this.pipelines = pipelines;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(DeploymentEvent event) {
        if (!properties.enabled()) {
            return;
        }
        String stage = stageOf(event);
        Optional<String> channel = properties.channelFor(event.app(), event.environment());
        Optional<DeploymentView> progress = channel.map(to -> upsert(event, MessageKind.DEPLOYMENT, to, stage, null));
        if (channel.isEmpty()) {
            log.debug(
                    "no Slack channel for {}/{}; deployment {} is not announced",
                    event.app(),
                    event.environment(),
                    event.deploymentId());
        }
        if (event instanceof DeploymentAwaitingApproval) {
            properties
                    .approvalChannelFor(event.app(), stage != null ? stage : event.environment())
                    .ifPresent(to -> upsert(event, MessageKind.APPROVAL, to, stage, progress.orElse(null)));
        } else if (answersApproval(event)) {
            store.lockView(event.deploymentId(), MessageKind.APPROVAL)
                    .ifPresent(view -> change(view, MessageKind.APPROVAL, event, stage));
        }
    }

    /** Approval events name the stage; for others, the pipeline learnt from {@code application.registered}. */
    private @Nullable String stageOf(DeploymentEvent event) {
        String named = switch (event) {
            case DeploymentAwaitingApproval e -> e.stage();
            case DeploymentApproved e -> e.stage();
            case DeploymentRejected e -> e.stage();
            default -> null;
        };
        return named != null
                ? named
                : pipelines.stageOf(event.app(), event.environment()).orElse(null);
    }

    private static boolean answersApproval(DeploymentEvent event) {
        return event instanceof DeploymentApproved
                || event instanceof DeploymentRejected
                || event instanceof DeploymentCancelled
                || event instanceof DeploymentSuperseded;
    }

    /**
     * Applies the event to the message of {@code kind}, adding it if it is new (seeded with {@code seed}, the
     * deployment as its progress message knows it, when there is one), and answers the view it now shows.
     */
    private DeploymentView upsert(
            DeploymentEvent event,
            MessageKind kind,
            String channel,
            @Nullable String stage,
            @Nullable DeploymentView seed) {
        Optional<DeploymentView> current = store.lockView(event.deploymentId(), kind);
        if (current.isPresent()) {
            return change(current.get(), kind, event, stage);
        }
        DeploymentView fresh = (seed != null ? seed : DeploymentView.of(event)).inStage(stage);
        if (store.insert(fresh, kind, channel, clock.instant())) {
            return fresh;
        }
        // another consumer added the message meanwhile: apply the event to theirs
        return store.lockView(event.deploymentId(), kind)
                .map(view -> change(view, kind, event, stage))
                .orElse(fresh);
    }

    private DeploymentView change(
            DeploymentView current, MessageKind kind, DeploymentEvent event, @Nullable String stage) {
        DeploymentView next = current.apply(event).inStage(stage);
        if (!next.equals(current)) {
            store.change(next, kind, clock.instant());
        }
        return next;
    }
}
