package dev.stagecraft.deployer.check;

import dev.stagecraft.contracts.DeploymentStatus;
import dev.stagecraft.contracts.EnvironmentLifecycle;
import dev.stagecraft.contracts.EnvironmentStatus;
import dev.stagecraft.contracts.FailureReason;
import dev.stagecraft.deployer.deployment.DeploymentEvents;
import dev.stagecraft.deployer.driver.CheckResult;
import dev.stagecraft.deployer.environment.Deployed;
import dev.stagecraft.deployer.environment.Environment;
import dev.stagecraft.deployer.environment.EnvironmentRepository;
import dev.stagecraft.deployer.environment.StatusChange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records what a check found, or that a pending status outlived its deployment, in one short transaction that
 * locks the environment's row and first makes sure nothing changed it since it was looked at: the state change, its
 * events and the remembered drift commit together.
 */
@Service
class CheckOutcomes {

    private static final Logger log = LoggerFactory.getLogger(CheckOutcomes.class);

    private final EnvironmentRepository environments;
    private final DriftRepository drifts;
    private final DeploymentEvents events;
    private final Clock clock;

    CheckOutcomes(EnvironmentRepository environments, DriftRepository drifts, DeploymentEvents events, Clock clock) {
        this.environments = environments;
        this.drifts = drifts;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Applies the check {@code result} of {@code checked}, as it was (status, recorded workload, {@code updatedAt})
     * when it was claimed; false if it changed meanwhile or a deployment of it is under way or waiting, in which
     * case the result describes the past and nothing is recorded.
     */
    @Transactional
    public boolean apply(Environment checked, Instant updatedAt, CheckResult result) {
        String app = checked.app();
        String name = checked.name();
        Environment environment = environments.lock(app, name);
        if (changedSince(checked, updatedAt, environment)
                || environments.hasDeployment(app, name, DeploymentStatus.RUNNING, DeploymentStatus.QUEUED)) {
            return false;
        }
        Deployed deployed = Objects.requireNonNull(environment.deployed());
        Verdict verdict = Verdict.of(
                Objects.requireNonNull(environment.status()),
                deployed.job(),
                result,
                drifts.reported(app, name).orElse(null));
        applyStatus(environment, verdict.status());
        applyDrift(app, name, verdict.drift());
        return true;
    }

    private boolean changedSince(Environment checked, Instant updatedAt, Environment now) {
        return now.status() != checked.status()
                || !Objects.equals(now.deployed(), checked.deployed())
                || !environments.updatedAt(now.app(), now.name()).equals(updatedAt);
    }

    private void applyStatus(Environment environment, Verdict.StatusMove move) {
        StatusChange change = switch (move) {
            case Verdict.StatusMove.Stays stays -> null;
            case Verdict.StatusMove.Fails fails -> environment.checkFailed(fails.why(), fails.reason());
            case Verdict.StatusMove.Recovers recovers -> environment.checkPassed(recovers.reason());
        };
        if (change != null) {
            // the reason quotes the check's message (a health URL may carry a secret): only the event has it, redacted
            log.info(
                    "{}/{}: {} → {} after a status check",
                    environment.app(),
                    environment.name(),
                    change.from(),
                    change.to());
            environments.save(environment);
            events.statusChangedByWorker(environment.app(), environment.name(), change);
        }
    }

    private void applyDrift(String app, String name, Verdict.DriftMove move) {
        switch (move) {
            case Verdict.DriftMove.Unchanged unchanged -> {}
            case Verdict.DriftMove.Report report -> {
                Drift drift = report.drift();
                log.info(
                        "{}/{} drifted: it runs {} where {} was deployed",
                        app,
                        name,
                        drift.actualVersion(),
                        drift.desiredVersion());
                drifts.remember(app, name, drift, clock.instant());
                events.driftDetected(app, name, drift.desiredVersion(), drift.actualVersion(), report.detail());
            }
            case Verdict.DriftMove.Clear clear -> drifts.forget(app, name);
        }
    }

    /**
     * Fails {@code seen}, found {@code *_PENDING} since before {@code updatedBefore} with no deployment RUNNING, if
     * it still is: FAILURE, or CLEANUP_FAILED for a cleanup. False if it moved on meanwhile.
     */
    @Transactional
    public boolean timeOut(Environment seen, Instant updatedBefore, Duration timeout) {
        Environment environment = environments.lock(seen.app(), seen.name());
        EnvironmentStatus pending = environment.status();
        if (pending == null
                || pending != seen.status()
                || !environments.updatedAt(seen.app(), seen.name()).isBefore(updatedBefore)
                || environments.hasDeployment(seen.app(), seen.name(), DeploymentStatus.RUNNING)) {
            return false;
        }
        EnvironmentStatus to = pending == EnvironmentStatus.CLEANUP_PENDING
                ? EnvironmentStatus.CLEANUP_FAILED
                : EnvironmentStatus.FAILURE;
        String reason = timedOutReason(pending, to, timeout);
        StatusChange change = environment.operationFailed(FailureReason.GENERIC, reason);
        log.warn("{}/{}: {}", seen.app(), seen.name(), reason);
        environments.save(environment);
        events.statusChangedByWorker(seen.app(), seen.name(), change);
        return true;
    }

    /** Why a pending status was given up, and what to do now that it is {@code to}. */
    static String timedOutReason(EnvironmentStatus pending, EnvironmentStatus to, Duration timeout) {
        return "it stayed " + pending + " for more than " + text(timeout)
                + " with no deployment running (the worker that ran it may have stopped); "
                + EnvironmentLifecycle.whatCanBeDone(to);
    }

    /** {@code 10m}, {@code 1h30m}, {@code 90s}, {@code 500ms}. */
    static String text(Duration duration) {
        if (duration.toMillisPart() != 0 || duration.toNanosPart() % 1_000_000 != 0) {
            return duration.toMillis() + "ms";
        }
        if (duration.toSecondsPart() != 0) {
            return duration.toSeconds() + "s";
        }
        long hours = duration.toHours();
        int minutes = duration.toMinutesPart();
        if (hours == 0) {
            return minutes + "m";
        }
        return minutes == 0 ? hours + "h" : hours + "h" + minutes + "m";
    }
}
