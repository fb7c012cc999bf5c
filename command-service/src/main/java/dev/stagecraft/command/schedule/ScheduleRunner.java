package dev.stagecraft.command.schedule;

import static dev.stagecraft.contracts.EnvironmentStatus.ARCHIVED;
import static dev.stagecraft.contracts.EnvironmentStatus.ARCHIVE_PENDING;

import dev.stagecraft.command.intake.CommandHandler;
import dev.stagecraft.command.intake.Outcome;
import dev.stagecraft.command.intake.Submission;
import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.EnvironmentLifecycle;
import dev.stagecraft.contracts.command.ArchiveEnvironment;
import dev.stagecraft.contracts.command.CleanupEnvironment;
import dev.stagecraft.contracts.command.Command;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Every {@code stagecraft.schedule.interval}: archives the environments whose ttl passed and cleans up the
 * archived ones whose retention ended, by submitting {@code environment.archive} / {@code .cleanup} to the
 * {@link CommandHandler} on channel {@code schedule}, with a command id derived from the deadline
 * ({@link Due#commandId}), so replicas running at the same moment, or a retry, act once. Whatever the
 * outcome, the deadline is then cleared: a refusal is logged, not retried each pass.
 */
@Component
class ScheduleRunner implements SchedulingConfigurer {

    static final String CHANNEL = "schedule";

    /** Deadlines handled per kind and pass; more wait for the next pass. */
    private static final int BATCH = 100;

    private static final Logger log = LoggerFactory.getLogger(ScheduleRunner.class);

    private final Schedules schedules;
    private final ScheduleDecisions decisions;
    private final CommandHandler handler;
    private final ScheduleProperties properties;
    private final Clock clock;

    ScheduleRunner(
            Schedules schedules,
            ScheduleDecisions decisions,
            CommandHandler handler,
            ScheduleProperties properties,
            Clock clock) {
        this.schedules = schedules;
        this.decisions = decisions;
        this.handler = handler;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(this::runOnce, properties.interval(), properties.interval()));
    }

    /** One pass over what is due now. */
    void runOnce() {
        Instant now = clock.instant();
        schedules.expiredBy(now, BATCH).forEach(this::expire);
        schedules.retentionEndedBy(now, BATCH).forEach(this::retire);
    }

    /** Archives an environment whose ttl passed, then clears its {@code expires_at}. */
    void expire(Due due) {
        try {
            if (!EnvironmentLifecycle.allows(EnvironmentLifecycle.outcomeOf(due.status()), ARCHIVE_PENDING)) {
                log.info(
                        "the ttl of {} passed at {} while it is {}: there is nothing to archive; deadline cleared",
                        due.path(),
                        due.deadline(),
                        due.status());
                decisions.expiryHandled(due, null);
                return;
            }
            CommandId id = due.commandId("environment.archive");
            submit(new ArchiveEnvironment(id, ScheduleDecisions.TTL_ACTOR, due.app(), due.environment()), due, "ttl");
            decisions.expiryHandled(due, id);
        } catch (RuntimeException e) {
            log.warn(
                    "could not archive {} whose ttl passed at {}; the next pass tries again",
                    due.path(),
                    due.deadline(),
                    e);
        }
    }

    /** Cleans up an archived environment whose retention ended, then clears its {@code cleanup_at}. */
    void retire(Due due) {
        try {
            if (due.status() != ARCHIVED) {
                log.info(
                        "the retention of {} ended at {} while it is {}, not ARCHIVED: it is not cleaned up; deadline"
                                + " cleared",
                        due.path(),
                        due.deadline(),
                        due.status());
                decisions.retentionHandled(due, null);
                return;
            }
            CommandId id = due.commandId("environment.cleanup");
            submit(
                    new CleanupEnvironment(id, ScheduleDecisions.RETENTION_ACTOR, due.app(), due.environment()),
                    due,
                    "retention");
            decisions.retentionHandled(due, id);
        } catch (RuntimeException e) {
            log.warn(
                    "could not clean up {} whose retention ended at {}; the next pass tries again",
                    due.path(),
                    due.deadline(),
                    e);
        }
    }

    private void submit(Command command, Due due, String deadline) {
        Outcome outcome = handler.handle(Submission.of(command, CHANNEL));
        if (outcome.isAccepted()) {
            log.info(
                    "{} of {} submitted (command {}): its {} ended at {}",
                    outcome.commandType(),
                    due.path(),
                    command.commandId(),
                    deadline,
                    due.deadline());
        } else {
            log.info(
                    "{} of {} refused (command {}): {}; its {} deadline {} is cleared, not retried",
                    outcome.commandType(),
                    due.path(),
                    command.commandId(),
                    outcome.message(),
                    deadline,
                    due.deadline());
        }
    }
}
