package dev.stagecraft.command.application;

import dev.stagecraft.command.CommandEvents;
import dev.stagecraft.command.Decision;
import dev.stagecraft.command.secret.SecretSealer;
import dev.stagecraft.contracts.EventId;
import dev.stagecraft.contracts.command.RegisterApplication;
import dev.stagecraft.contracts.event.ApplicationRegistered;
import dev.stagecraft.messaging.Outbox;
import java.time.Clock;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Decides {@code application.register}: seals the secret defaults, stores the spec (replacing an earlier one
 * of the same name) and announces {@code command.accepted} and {@code application.registered} (secret keys by
 * name only), both about no environment.
 */
@Component
public class ApplicationRegistration {

    private final Applications applications;
    private final CommandEvents events;
    private final SecretSealer sealer;
    private final Outbox outbox;
    private final Clock clock;

    ApplicationRegistration(
            Applications applications, CommandEvents events, SecretSealer sealer, Outbox outbox, Clock clock) {
        this.applications = applications;
        this.events = events;
        this.sealer = sealer;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public Decision register(RegisterApplication command) {
        Application application =
                Application.from(command, sealer.sealDefaults(command.name(), command.secretDefaults()));
        applications.save(application, command.commandId(), clock.instant());
        outbox.publish(new ApplicationRegistered(
                EventId.random(),
                clock.instant(),
                command.commandId(),
                command.actor(),
                application.name(),
                null,
                0,
                application.spec()));
        return new Decision(application.name(), null, null);
    }
}
