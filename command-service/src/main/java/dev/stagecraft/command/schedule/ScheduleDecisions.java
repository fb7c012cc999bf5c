package dev.stagecraft.command.schedule;

import dev.stagecraft.command.CommandEvents;
import dev.stagecraft.command.environment.EnvironmentDecided;
import dev.stagecraft.command.environment.EnvironmentStatusReported;
import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.EnvironmentStatus;
import dev.stagecraft.contracts.EventId;
import dev.stagecraft.contracts.event.EnvironmentScheduleChanged;
import dev.stagecraft.messaging.Outbox;
import java.time.Clock;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps each environment's schedule in step with what is decided about it and with the worker's reports, and
 * announces every change by {@code environment.schedule-changed} through the outbox, in the transaction that
 * causes it, with the environment's next event sequence.
 */
@Component
class ScheduleDecisions {

    static final String TTL_ACTOR = "system:ttl";
    static final String RETENTION_ACTOR = "system:retention";

    private static final Logger log = LoggerFactory.getLogger(ScheduleDecisions.class);

    private final Schedules schedules;
    private final CommandEvents events;
    private final Outbox outbox;
    private final ScheduleProperties properties;
    private final Clock clock;

    ScheduleDecisions(
            Schedules schedules, CommandEvents events, Outbox outbox, ScheduleProperties properties, Clock clock) {
        this.schedules = schedules;
        this.events = events;
        this.outbox = outbox;
        this.properties = properties;
        this.clock = clock;
    }

    /** An accepted create, update, archive, restore or cleanup: the environment's row is locked by it. */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(EnvironmentDecided decided) {
        Schedule current = schedules.find(decided.app(), decided.environment()).orElse(Schedule.NONE);
        Schedule next = current.after(decided.command(), decided.ttl(), decided.decidedAt());
        if (!next.equals(current)) {
            schedules.save(decided.app(), decided.environment(), next);
            announce(
                    decided.app(),
                    decided.environment(),
                    next,
                    decided.command().commandId(),
                    decided.command().actor());
        }
    }

    /** The worker reported an environment ARCHIVED: if that is now its decided status, its retention starts. */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(EnvironmentStatusReported reported) {
        if (reported.status() == EnvironmentStatus.ARCHIVED) {
            schedules
                    .armCleanup(
                            reported.app(),
                            reported.environment(),
                            Schedule.deadline(reported.occurredAt(), properties.retention()))
                    .ifPresent(next -> announce(
                            reported.app(), reported.environment(), next, reported.commandId(), RETENTION_ACTOR));
        }
    }

    /** The ttl deadline was acted on (or cannot be): cleared, unless it was re-armed meanwhile. */
    @Transactional
    public void expiryHandled(Due due, @Nullable CommandId commandId) {
        announced(due, schedules.clearExpiry(due.app(), due.environment(), due.deadline()), commandId, TTL_ACTOR);
    }

    /** The retention deadline was acted on (or cannot be): cleared, unless it was re-armed meanwhile. */
    @Transactional
    public void retentionHandled(Due due, @Nullable CommandId commandId) {
        announced(
                due, schedules.clearCleanup(due.app(), due.environment(), due.deadline()), commandId, RETENTION_ACTOR);
    }

    private void announced(Due due, Optional<Schedule> changed, @Nullable CommandId commandId, String actor) {
        changed.ifPresent(next -> announce(due.app(), due.environment(), next, commandId, actor));
    }

    private void announce(String app, String environment, Schedule schedule, @Nullable CommandId cause, String actor) {
        outbox.publish(new EnvironmentScheduleChanged(
                EventId.random(),
                clock.instant(),
                cause,
                actor,
                app,
                environment,
                events.sequence(app, environment),
                schedule.expiresAt(),
                schedule.cleanupAt()));
        log.info(
                "schedule of {}/{}: archive at {}, clean up at {}",
                app,
                environment,
                orNever(schedule.expiresAt()),
                orNever(schedule.cleanupAt()));
    }

    private static Object orNever(@Nullable Object instant) {
        return instant == null ? "never" : instant;
    }
}
