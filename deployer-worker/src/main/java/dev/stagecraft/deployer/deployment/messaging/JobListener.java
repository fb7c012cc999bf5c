package dev.stagecraft.deployer.deployment.messaging;

import dev.stagecraft.contracts.InvalidMessageException;
import dev.stagecraft.contracts.job.CancelJob;
import dev.stagecraft.contracts.job.DeploymentJob;
import dev.stagecraft.contracts.job.Job;
import dev.stagecraft.deployer.deployment.JobIntake;
import dev.stagecraft.messaging.InboundMessage;
import dev.stagecraft.messaging.Inbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Consumes {@code stagecraft.jobs.deployer-worker}: each job once (inbox by message id), then hands it to the
 * {@link JobIntake}. A body that is not a valid job is dead-lettered to {@code <queue>.dlq}.
 *
 * <p>Each job is taken in in a transaction of its own, by one consumer: the intake locks the job's environment, and
 * a transaction holding many environments (a batch) would stall the deployments of all of them until it commits;
 * several consumers could take a cancel in before the job it cancels.
 */
@Component
class JobListener {

    private static final Logger log = LoggerFactory.getLogger(JobListener.class);

    private final Inbox inbox;
    private final JobIntake intake;

    JobListener(Inbox inbox, JobIntake intake) {
        this.inbox = inbox;
        this.intake = intake;
    }

    @RabbitListener(queues = JobQueueConfiguration.QUEUE)
    @Transactional
    public void onMessage(Message message) {
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
