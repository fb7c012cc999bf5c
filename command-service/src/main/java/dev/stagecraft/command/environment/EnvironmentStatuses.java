package dev.stagecraft.command.environment;

import dev.stagecraft.contracts.event.DeploymentCancelled;
import dev.stagecraft.contracts.event.EnvironmentStatusChanged;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Corrects the status command-service believes an environment has with what the worker reports. Reports
 * older than one already recorded (by the worker's per-environment sequence) are ignored; a recorded one is
 * announced in-process ({@link EnvironmentStatusReported}) within the same transaction.
 */
@Component
public class EnvironmentStatuses {

    private static final Logger log = LoggerFactory.getLogger(EnvironmentStatuses.class);

    private final Environments environments;
    private final ApplicationEventPublisher reports;
    private final Clock clock;

    EnvironmentStatuses(Environments environments, ApplicationEventPublisher reports, Clock clock) {
        this.environments = environments;
        this.reports = reports;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void on(EnvironmentStatusChanged event) {
        if (event.app() == null || event.environment() == null) {
            log.warn("ignored environment.status-changed {} that names no environment", event.eventId());
            return;
        }
        String reason = event.failure() != null && event.reason() == null
                ? event.failure().name()
                : event.reason();
        boolean recorded = environments.recordReportedStatus(
                event.app(),
                event.environment(),
                event.to(),
                reason,
                event.commandId(),
                event.sequence(),
                clock.instant());
        log.debug(
                "{}/{} is {} (sequence {}){}",
                event.app(),
                event.environment(),
                event.to(),
                event.sequence(),
                recorded ? "" : ": ignored, environment unknown or report out of date");
        if (recorded) {
            reports.publishEvent(new EnvironmentStatusReported(
                    event.app(), event.environment(), event.to(), event.commandId(), event.occurredAt()));
        }
    }

    /** A deployment was cancelled before it started: if it decided the status, the status goes back. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void onCancelled(DeploymentCancelled event) {
        if (event.app() != null && event.environment() != null) {
            environments.revertCancelled(event.app(), event.environment(), event.deploymentId(), clock.instant());
        }
    }
}
