package dev.stagecraft.deployer.deployment.messaging;

import com.rabbitmq.client.Channel;
import dev.stagecraft.contracts.InvalidMessageException;
import dev.stagecraft.contracts.job.CancelJob;
import dev.stagecraft.contracts.job.DeploymentJob;
import dev.stagecraft.contracts.job.Job;
import dev.stagecraft.deployer.deployment.JobIntake;
import dev.stagecraft.messaging.BatchDelivery;
import dev.stagecraft.messaging.InboundMessage;
import dev.stagecraft.messaging.Inbox;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code stagecraft.jobs.deployer-worker} in batches applied in one transaction ({@link BatchDelivery}):
 * each job once (inbox by message id), then hands it to the {@link JobIntake}. A body that is not a valid job is
 * dead-lettered to {@code <queue>.dlq}.
 */
@Component
class JobListener {

    private static final Logger log = LoggerFactory.getLogger(JobListener.class);

    private final Inbox inbox;
    private final JobIntake intake;
    private final BatchDelivery batches;

    JobListener(Inbox inbox, JobIntake intake, BatchDelivery batches) {
        this.inbox = inbox;
        this.intake = intake;
        this.batches = batches;
    }

    @RabbitListener(queues = JobQueueConfiguration.QUEUE, containerFactory = JobQueueConfiguration.LISTENER_FACTORY)
    public void onMessages(List<Message> messages, Channel channel) {
        batches.apply(messages, channel, this::onMessage);
    }

    private void onMessage(Message message) {
        InboundMessage in = InboundMessage.from(message);
        Job job = decode(in);
        String messageId = in.messageId() != null ? in.messageId() : in.type() + ":" + job.deploymentId();
        if (!inbox.firstDelivery(messageId, in.type())) {
            log.info("job message {} was delivered before; skipped", messageId);
            return;
        }
        switch (job) {
            case DeploymentJob deployment -> on(deployment);
            case CancelJob cancel -> on(cancel);
        }
    }

    private void on(DeploymentJob job) {
        intake.accept(job);
    }

    private void on(CancelJob job) {
        intake.cancel(job);
    }

    private static Job decode(InboundMessage in) {
        try {
            if (in.decode() instanceof Job job) {
                return job;
            }
            throw new InvalidMessageException("unknown-type", java.util.List.of(in.type() + " is not a job"));
        } catch (InvalidMessageException e) {
            log.warn("dead-lettering job message {} ({}): {}", in.messageId(), in.type(), e.getMessage());
            throw new AmqpRejectAndDontRequeueException("invalid job: " + e.getMessage(), e);
        }
    }
}
