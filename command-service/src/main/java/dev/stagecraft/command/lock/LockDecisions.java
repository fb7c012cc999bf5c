package dev.stagecraft.command.lock;

import dev.stagecraft.command.CommandEvents;
import dev.stagecraft.command.CommandRefusedException;
import dev.stagecraft.command.Decision;
import dev.stagecraft.command.RejectionCode;
import dev.stagecraft.command.application.Application;
import dev.stagecraft.command.application.Applications;
import dev.stagecraft.contracts.EventId;
import dev.stagecraft.contracts.command.Command;
import dev.stagecraft.contracts.command.LockEnvironment;
import dev.stagecraft.contracts.command.UnlockEnvironment;
import dev.stagecraft.contracts.event.EnvironmentLockChanged;
import dev.stagecraft.messaging.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Decides {@code environment.lock} and {@code environment.unlock}, and announces each change by
 * {@code environment.lock-changed} through the outbox with the environment's next sequence. An environment that
 * exists or is a stage of the pipeline may be locked (a stage before its first deployment too, so a freeze can
 * start before anything runs). Locking again by the holder changes the reason and keeps {@code lockedAt}; by anyone
 * else it is refused. Only the holder may unlock, unless the command says {@code force} (whether the caller may
 * force is the access check's to decide, before the command gets here).
 */
@Component
public class LockDecisions {

    private final Applications applications;
    private final Locks locks;
    private final CommandEvents events;
    private final Outbox outbox;
    private final Clock clock;

    LockDecisions(Applications applications, Locks locks, CommandEvents events, Outbox outbox, Clock clock) {
        this.applications = applications;
        this.locks = locks;
        this.events = events;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Decision lock(LockEnvironment command) {
        Application application = applications.lockForEnvironment(command.app(), command.environment());
        refuseUnlessLockable(application, command.environment());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // as stored, so lockedAt reads back equal
        EnvironmentLock lock = locks.find(command.app(), command.environment())
                .map(held -> relock(held, command))
                .orElseGet(() -> new EnvironmentLock(
                        command.app(), command.environment(), command.actor(), command.reason(), now));
        locks.save(lock, command.commandId());
        announce(command, command.app(), command.environment(), lock, now);
        return new Decision(command.app(), command.environment(), null);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Decision unlock(UnlockEnvironment command) {
        applications.lockForEnvironment(command.app(), command.environment());
        EnvironmentLock held = locks.find(command.app(), command.environment())
                .orElseThrow(() -> CommandRefusedException.conflict("environment " + command.app() + "/"
                        + command.environment() + " is not locked, so there is nothing to unlock"));
        if (!held.heldBy(command.actor()) && !command.force()) {
            throw held.refusal("unlocked");
        }
        locks.delete(command.app(), command.environment());
        announce(command, command.app(), command.environment(), null, clock.instant());
        return new Decision(command.app(), command.environment(), null);
    }

    private static EnvironmentLock relock(EnvironmentLock held, LockEnvironment command) {
        if (!held.heldBy(command.actor())) {
            throw held.refusal("locked again");
        }
        return held.withReason(command.reason());
    }

    private void refuseUnlessLockable(Application application, String environment) {
        if (application.stageOf(environment).isEmpty() && !locks.environmentExists(application.name(), environment)) {
            throw new CommandRefusedException(
                    RejectionCode.NOT_FOUND,
                    "environment " + application.name() + "/" + environment + " does not exist and is not a stage of"
                            + " the pipeline of " + application.name() + ", so it cannot be locked; lock a stage or"
                            + " an existing environment");
        }
    }

    private void announce(
            Command command, String app, String environment, @Nullable EnvironmentLock lock, Instant now) {
        outbox.publish(new EnvironmentLockChanged(
                EventId.random(),
                now,
                command.commandId(),
                command.actor(),
                app,
                environment,
                events.sequence(app, environment),
                lock != null,
                lock == null ? null : lock.holder(),
                lock == null ? null : lock.reason(),
                lock == null ? null : lock.lockedAt()));
    }
}
