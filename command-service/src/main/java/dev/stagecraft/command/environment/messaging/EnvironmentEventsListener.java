package dev.stagecraft.command.environment.messaging;

import com.rabbitmq.client.Channel;
import dev.stagecraft.command.deployment.Deployments;
import dev.stagecraft.command.environment.EnvironmentStatuses;
import dev.stagecraft.command.promotion.AutoPromotion;
import dev.stagecraft.contracts.DeploymentStatus;
import dev.stagecraft.contracts.InvalidMessageException;
import dev.stagecraft.contracts.Topology;
import dev.stagecraft.contracts.event.DeploymentCancelled;
import dev.stagecraft.contracts.event.DeploymentEvent;
import dev.stagecraft.contracts.event.DeploymentFailed;
import dev.stagecraft.contracts.event.DeploymentStarted;
import dev.stagecraft.contracts.event.DeploymentSucceeded;
import dev.stagecraft.contracts.event.DeploymentSuperseded;
import dev.stagecraft.contracts.event.EnvironmentStatusChanged;
import dev.stagecraft.contracts.event.Event;
import dev.stagecraft.messaging.BatchDelivery;
import dev.stagecraft.messaging.InboundMessage;
import dev.stagecraft.messaging.Inbox;
import dev.stagecraft.messaging.MessagingProperties;
import dev.stagecraft.messaging.StagecraftTopology;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/**
 * Reads {@code stagecraft.events.command-service} (bound to {@code environment.status-changed} and the
 * deployment events that end or start a deployment): each
 * event once (inbox), events this service published itself ignored, invalid ones dead-lettered.
 */
@Component
public class EnvironmentEventsListener {

    private static final Logger log = LoggerFactory.getLogger(EnvironmentEventsListener.class);

    private final Inbox inbox;
    private final EnvironmentStatuses statuses;
    private final Deployments deployments;
    private final AutoPromotion autoPromotion;
    private final Clock clock;
    private final BatchDelivery batches;

    EnvironmentEventsListener(
            Inbox inbox,
            EnvironmentStatuses statuses,
            Deployments deployments,
            AutoPromotion autoPromotion,
            Clock clock,
            BatchDelivery batches) {
        this.inbox = inbox;
        this.batches = batches;
        this.statuses = statuses;
        this.deployments = deployments;
        this.autoPromotion = autoPromotion;
        this.clock = clock;
    }

    /** Applies the deliveries of a batch in one transaction ({@link BatchDelivery}). */
    @RabbitListener(queues = "stagecraft.events.command-service", containerFactory = BatchDelivery.LISTENER_FACTORY)
    public void on(List<Message> messages, Channel channel) {
        batches.apply(messages, channel, this::on);
    }

    private void on(Message message) {
        InboundMessage in = InboundMessage.from(message);
        if (Topology.COMMAND_SERVICE.equals(in.appId())) {
            return;
        }
        Event event = decode(in);
        if (event != null && inbox.firstDelivery(messageId(in, event), in.type())) {
            switch (event) {
                case EnvironmentStatusChanged changed -> statuses.on(changed);
                case DeploymentStarted started -> reported(started, DeploymentStatus.RUNNING);
                case DeploymentSucceeded succeeded -> {
                    reported(succeeded, DeploymentStatus.SUCCEEDED);
                    autoPromotion.succeeded(succeeded);
                }
                case DeploymentFailed failed -> reported(failed, DeploymentStatus.FAILED);
                case DeploymentSuperseded superseded -> reported(superseded, DeploymentStatus.SUPERSEDED);
                case DeploymentCancelled cancelled -> {
                    reported(cancelled, DeploymentStatus.CANCELLED);
                    statuses.onCancelled(cancelled);
                }
                default -> log.debug("ignored {} {}: not an event command-service follows", in.type(), in.messageId());
            }
        }
    }

    private void reported(DeploymentEvent event, DeploymentStatus status) {
        deployments.reported(event.deploymentId(), status, clock.instant());
    }

    private @Nullable Event decode(InboundMessage in) {
        try {
            return (Event) in.decode();
        } catch (InvalidMessageException e) {
            if ("unknown-type".equals(e.code())) {
                log.info("skipped event of unknown type {} ({}): a newer contract?", in.type(), in.messageId());
                if (in.messageId() != null) {
                    inbox.firstDelivery(in.messageId(), in.type());
                }
                return null;
            }
            throw new AmqpRejectAndDontRequeueException("invalid " + in.type() + ": " + e.getMessage(), e);
        } catch (ClassCastException e) {
            throw new AmqpRejectAndDontRequeueException(in.type() + " is not an event", e);
        }
    }

    private static String messageId(InboundMessage in, Event event) {
        return Objects.requireNonNullElse(in.messageId(), event.eventId().toString());
    }

    @Configuration(proxyBeanMethods = false)
    static class Queues {

        @Bean
        Declarables commandServiceEventsQueue(MessagingProperties properties) {
            return StagecraftTopology.consumerQueue(
                    Topology.EVENTS_EXCHANGE,
                    Topology.COMMAND_SERVICE,
                    properties.deliveryLimit(),
                    "environment.status-changed",
                    "deployment.started",
                    "deployment.succeeded",
                    "deployment.failed",
                    "deployment.cancelled",
                    "deployment.superseded");
        }
    }
}
