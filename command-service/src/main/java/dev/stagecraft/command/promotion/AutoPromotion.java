package dev.stagecraft.command.promotion;

import dev.stagecraft.command.access.Caller;
import dev.stagecraft.command.application.Applications;
import dev.stagecraft.command.deployment.Deployments;
import dev.stagecraft.command.intake.CommandHandler;
import dev.stagecraft.command.intake.Outcome;
import dev.stagecraft.command.intake.Submission;
import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.Operation;
import dev.stagecraft.contracts.command.Promote;
import dev.stagecraft.contracts.command.Stage;
import dev.stagecraft.contracts.event.DeploymentSucceeded;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Auto-promotion: when the worker reports that a DEPLOY succeeded in a stage and the next stage has
 * {@code autoPromote}, a {@code promote} of that version to the next stage is submitted to the
 * {@link CommandHandler} like any command (channel {@code auto-promote}, actor {@code system:auto-promote}, a
 * trusted caller), after the report's transaction has committed, so that a refusal is recorded and announced as
 * any {@code command.rejected}. Its command id is derived from the succeeded deployment's id: a redelivered
 * report is answered by the command log and causes nothing new. A version marked bad for the next stage is
 * skipped (logged, nothing submitted). The promotion obeys every rule, so it waits for approval where the stage
 * requires one.
 */
@Component
public class AutoPromotion {

    public static final String ACTOR = "system:auto-promote";
    public static final String CHANNEL = "auto-promote";

    static final String EXECUTOR = "stagecraftAutoPromotionExecutor";

    private static final Logger log = LoggerFactory.getLogger(AutoPromotion.class);

    private final Applications applications;
    private final Deployments deployments;
    private final BadVersions badVersions;
    private final CommandHandler handler;
    private final ApplicationEventPublisher publisher;

    AutoPromotion(
            Applications applications,
            Deployments deployments,
            BadVersions badVersions,
            CommandHandler handler,
            ApplicationEventPublisher publisher) {
        this.applications = applications;
        this.deployments = deployments;
        this.badVersions = badVersions;
        this.handler = handler;
        this.publisher = publisher;
    }

    /** The worker reported a deployment succeeded: if it was a DEPLOY into a stage before an autoPromote stage, the promotion is due. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void succeeded(DeploymentSucceeded event) {
        if (event.app() == null || event.environment() == null) {
            return;
        }
        boolean deployed = deployments
                .find(event.deploymentId())
                .filter(deployment -> Operation.DEPLOY.name().equals(deployment.operation()))
                .isPresent();
        if (!deployed) {
            return;
        }
        applications
                .find(event.app())
                .flatMap(application -> {
                    Pipeline pipeline = new Pipeline(application.name(), application.pipeline());
                    return pipeline.find(event.environment()).flatMap(pipeline::after);
                })
                .filter(Stage::autoPromote)
                .ifPresent(next -> publisher.publishEvent(new AutoPromotionDue(
                        event.app(),
                        event.environment(),
                        next.environment(),
                        event.version(),
                        event.deploymentId().id())));
    }

    /** Submits the due promotion, once the report that made it due has committed. */
    @Async(EXECUTOR)
    @TransactionalEventListener
    public void on(AutoPromotionDue due) {
        var mark = badVersions.find(due.app(), due.to(), due.version());
        if (mark.isPresent()) {
            log.info(
                    "auto-promotion of {} {} from {} to {} skipped: {}; promote it explicitly to deploy it there again",
                    due.app(),
                    due.version(),
                    due.from(),
                    due.to(),
                    mark.get().sentence(due.app(), due.to()));
            return;
        }
        Promote promote = new Promote(commandId(due), ACTOR, due.app(), due.version(), due.to(), false);
        Outcome outcome = handler.handle(Submission.of(promote, CHANNEL, Caller.trusted(ACTOR)));
        log.info(
                "auto-promotion of {} {} from {} to {}: {}{}",
                due.app(),
                due.version(),
                due.from(),
                due.to(),
                outcome.status(),
                outcome.message() == null ? "" : " (" + outcome.message() + ")");
    }

    /** The same for every delivery of one success: {@code UUID.nameUUIDFromBytes("stagecraft:auto-promote:<deploymentId>")}. */
    static CommandId commandId(AutoPromotionDue due) {
        return new CommandId(UUID.nameUUIDFromBytes(
                ("stagecraft:auto-promote:" + due.succeededDeployment()).getBytes(StandardCharsets.UTF_8)));
    }

    @Configuration(proxyBeanMethods = false)
    static class Executors {

        /** One thread of its own, so that auto-promotions neither wait behind nor hold up the outbox relay. */
        @Bean(name = EXECUTOR)
        Executor stagecraftAutoPromotionExecutor() {
            ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
            executor.setCorePoolSize(1);
            executor.setMaxPoolSize(1);
            executor.setThreadNamePrefix("auto-promotion-");
            executor.setWaitForTasksToCompleteOnShutdown(true);
            executor.initialize();
            return executor;
        }
    }
}
