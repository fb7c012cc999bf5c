package dev.stagecraft.deployer.deployment;

import dev.stagecraft.contracts.StepStatus;
import java.time.Clock;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Records step changes (each with its {@code deployment.step-changed}) and step log lines, each in its own transaction. */
@Service
class StepLedger {

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
        events.stepChanged(deployment, step, status, message, progress, java.util.List.of());
    }

    @Transactional
    public void log(Deployment deployment, String step, String line) {
        steps.log(deployment.id(), step, line, clock.instant());
    }
}
