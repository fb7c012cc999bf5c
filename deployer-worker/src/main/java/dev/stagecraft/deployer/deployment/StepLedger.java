package dev.stagecraft.deployer.deployment;

import dev.stagecraft.contracts.StepStatus;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records step changes and step log lines, each in its own transaction. Each step change is announced by a
 * {@code deployment.step-changed} that carries the lines the step logged since its previous announcement,
 * secret values masked: the audit trail of the driver's output.
 */
@Service
class StepLedger {

    /** The most lines of output one {@code deployment.step-changed} carries. */
    static final int OUTPUT_LINES = 200;

    private final StepRepository steps;
    private final DeploymentEvents events;
    private final Clock clock;

    StepLedger(StepRepository steps, DeploymentEvents events, Clock clock) {
        this.steps = steps;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public void changed(Deployment deployment, String step, StepStatus status, @Nullable String message, int progress) {
        steps.update(deployment.id(), step, status, message, clock.instant());
        List<String> output = steps.takeUnannounced(deployment.id(), step, OUTPUT_LINES).stream()
                .map(line -> events.redact(deployment, line))
                .toList();
        events.stepChanged(deployment, step, status, message, progress, output);
    }

    @Transactional
    public void log(Deployment deployment, String step, String line) {
        steps.log(deployment.id(), step, line, clock.instant());
    }

    /** {@code text} with the deployment's secret values masked, for the worker's own log. */
    String redact(Deployment deployment, String text) {
        return events.redact(deployment, text);
    }
}
