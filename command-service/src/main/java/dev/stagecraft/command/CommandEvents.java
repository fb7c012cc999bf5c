package dev.stagecraft.command;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.EventId;
import dev.stagecraft.contracts.event.CommandAccepted;
import dev.stagecraft.contracts.event.CommandRejected;
import dev.stagecraft.messaging.EventSequences;
import dev.stagecraft.messaging.Outbox;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Announces the outcome of commands ({@code command.accepted}, {@code command.rejected}) through the
 * outbox. Events about an environment take its next sequence; events about no environment carry 0.
 */
@Component
public class CommandEvents {

    private final Outbox outbox;
    private final EventSequences sequences;
    private final Clock clock;

    CommandEvents(Outbox outbox, EventSequences sequences, Clock clock) {
        this.outbox = outbox;
        this.sequences = sequences;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void accepted(
            CommandId commandId,
            String actor,
            String commandType,
            @Nullable String app,
            @Nullable String environment,
            @Nullable DeploymentId deploymentId,
            String channel) {
        outbox.publish(new CommandAccepted(
                EventId.random(),
                clock.instant(),
                commandId,
                actor,
                app,
                environment,
                sequence(app, environment),
                commandType,
                deploymentId,
                channel));
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void rejected(
            CommandId commandId,
            String actor,
            String commandType,
            @Nullable String app,
            @Nullable String environment,
            RejectionCode code,
            String message) {
        outbox.publish(new CommandRejected(
                EventId.random(),
                clock.instant(),
                commandId,
                actor,
                app,
                environment,
                sequence(app, environment),
                commandType,
                code.code(),
                message));
    }

    /** The next sequence of an environment, or 0 for an event about no environment. */
    public long sequence(@Nullable String app, @Nullable String environment) {
        return app != null && environment != null ? sequences.next(app, environment) : 0;
    }
}
