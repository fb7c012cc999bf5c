package dev.stagecraft.deployer.deployment;

import dev.stagecraft.contracts.FailureReason;
import dev.stagecraft.contracts.Operation;
import dev.stagecraft.deployer.driver.DeployResult;
import dev.stagecraft.deployer.driver.Driver;
import dev.stagecraft.deployer.driver.DriverException;
import dev.stagecraft.deployer.driver.Drivers;
import dev.stagecraft.deployer.driver.Hook;
import dev.stagecraft.deployer.driver.Link;
import dev.stagecraft.deployer.driver.Spec;
import dev.stagecraft.deployer.driver.StepReporter;
import dev.stagecraft.deployer.driver.Steps;
import dev.stagecraft.deployer.driver.Target;
import dev.stagecraft.deployer.driver.Workload;
import dev.stagecraft.deployer.environment.Deployed;
import dev.stagecraft.deployer.environment.Environment;
import dev.stagecraft.deployer.environment.EnvironmentRepository;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Carries out a started deployment through its driver, outside any database transaction: the driver's step
 * reports are recorded as they come, and the outcome ends the deployment.
 */
@Service
class DeploymentRunner {

    private static final Logger log = LoggerFactory.getLogger(DeploymentRunner.class);

    private final Drivers drivers;
    private final SpecFactory specs;
    private final StepLedger ledger;
    private final DeploymentOutcomes outcomes;
    private final EnvironmentRepository environments;
    private final DeployerProperties properties;
    private final Verifier verifier;

    DeploymentRunner(
            Drivers drivers,
            SpecFactory specs,
            StepLedger ledger,
            DeploymentOutcomes outcomes,
            EnvironmentRepository environments,
            DeployerProperties properties,
            Verifier verifier) {
        this.drivers = drivers;
        this.specs = specs;
        this.ledger = ledger;
        this.outcomes = outcomes;
        this.environments = environments;
        this.properties = properties;
        this.verifier = verifier;
    }

    void run(Claim.Started started) {
        Deployment d = started.deployment();
        StepJournal journal = new StepJournal(ledger, d);
        if (started.takenOverFrom() != null) {
            journal.log(
                    DeploymentPlan.of(d.job()).steps().getFirst(),
                    "deployer-worker " + started.takenOverFrom() + " stopped while it ran this deployment; "
                            + properties.workerId() + " took it over and runs it again");
        }
        log.info("{} started", d);
        try {
            Outcome outcome = execute(d, started.environment(), journal);
            journal.skipRest("not needed");
            outcomes.succeeded(d, outcome.after(), outcome.reason(), links(d, outcome.after()));
            log.info("{} succeeded: {}", d, ledger.redact(d, outcome.reason()));
        } catch (FailedAfterDeploy e) {
            DriverException cause = e.cause;
            log.warn("{} deployed, but step {} failed: {}", d, cause.step(), ledger.redact(d, cause.getMessage()));
            journal.failed(cause.step(), cause.getMessage());
            journal.skipRest("skipped: step " + cause.step() + " failed");
            outcomes.failedAfterDeploy(d, e.after, cause.getMessage(), cause.step());
        } catch (DriverException e) {
            fail(d, journal, e.step(), e.reason(), e.getMessage());
        } catch (IllegalArgumentException e) {
            fail(d, journal, journal.current(), FailureReason.GENERIC, String.valueOf(e.getMessage()));
        } catch (RuntimeException e) {
            log.error("{} failed unexpectedly", d, e);
            String message = e.getMessage() != null ? e.getMessage() : e.toString();
            fail(d, journal, journal.current(), FailureReason.GENERIC, message);
        }
    }

    /**
     * The links the driver gives users for what a deploy or restore brought ({@code info}); none after an
     * archive or a cleanup. Asked outside any transaction; a driver that cannot answer costs the links, never
     * the deployment.
     */
    private List<Link> links(Deployment d, @Nullable Deployed after) {
        if (after == null || (d.operation() != Operation.DEPLOY && d.operation() != Operation.RESTORE)) {
            return List.of();
        }
        try {
            Workload running = Objects.requireNonNull(specs.workload(after));
            return List.copyOf(drivers.get(running.spec().driver()).info(running));
        } catch (RuntimeException e) {
            log.warn(
                    "{} succeeded, but its driver gave no links: {}",
                    d,
                    ledger.redact(d, e.getMessage() != null ? e.getMessage() : e.toString()));
            return List.of();
        }
    }

    /**
     * Fails a deployment whose workers kept dying: what the last one left behind is removed through the driver
     * (the version the environment records keeps running) before the deployment fails.
     */
    void abandon(Claim.Abandoned abandoned) {
        Deployment d = abandoned.deployment();
        try {
            Environment environment =
                    environments.find(d.app(), d.environment()).orElse(null);
            Deployed recorded = environment == null ? null : environment.deployed();
            drivers.get(d.job().driver()).recover(new Target(d.app(), d.environment()), specs.workload(recorded));
        } catch (RuntimeException e) {
            log.warn("cannot remove what {} left behind: {}", d, ledger.redact(d, String.valueOf(e.getMessage())));
        }
        outcomes.failed(
                d,
                FailureReason.GENERIC,
                "deployer-worker " + abandoned.workerId() + " stopped while this deployment ran (attempt "
                        + abandoned.attempts() + " of " + properties.maxAttempts() + "); deploy again",
                null);
    }

    /** What the environment has after a successful operation, and why, for its status reason. */
    private record Outcome(@Nullable Deployed after, String reason) {}

    private Outcome execute(Deployment d, Environment environment, StepJournal journal) {
        Deployed recorded = environment.deployed();
        return switch (d.operation()) {
            case DEPLOY -> deploy(d, specs.workload(recorded), journal);
            case ARCHIVE -> archive(d, recorded, journal);
            case RESTORE -> restore(d, recorded, journal);
            case CLEANUP -> cleanup(d, specs.workload(recorded), journal);
        };
    }

    /**
     * Runs the deploy plan: the pre-deploy hook, the driver's deploy, then verification and the post-deploy
     * hook. A failure before the driver's deploy leaves the previous version running (the driver's own
     * guarantee covers its steps); a failure after it leaves the new version running and the environment in
     * FAILURE ({@link FailedAfterDeploy}).
     */
    private Outcome deploy(Deployment d, @Nullable Workload current, StepJournal journal) {
        DeploymentPlan plan = DeploymentPlan.of(d.job());
        Driver driver = drivers.get(d.job().driver());
        Spec spec = specs.spec(d.job());
        if (plan.preDeploy() != null) {
            runHook(driver, spec, plan.preDeploy(), journal);
        }
        Outcome outcome;
        if (current != null && !current.spec().driver().equals(driver.name())) {
            DeployResult result = driver.deploy(spec, null, journal);
            drivers.get(current.spec().driver()).archive(current, StepReporter.silent());
            outcome = deployed(d, result);
        } else {
            outcome = deployed(d, driver.deploy(spec, current, journal));
        }
        try {
            if (plan.verify() != null) {
                Workload running = Objects.requireNonNull(specs.workload(outcome.after()));
                verifier.verify(plan.verify(), d.toVersion(), driver.info(running), journal);
            }
            if (plan.postDeploy() != null) {
                runHook(driver, spec, plan.postDeploy(), journal);
            }
        } catch (DriverException e) {
            throw new FailedAfterDeploy(Objects.requireNonNull(outcome.after()), e);
        }
        return outcome;
    }

    private static void runHook(Driver driver, Spec spec, Hook hook, StepJournal journal) {
        journal.running(hook.step(), "running `" + hook.command() + "` (up to " + hook.timeout() + ")");
        driver.runHook(spec, hook, journal);
        journal.done(hook.step(), "`" + hook.command() + "` succeeded");
    }

    /** A step after the driver's deploy failed: the new version runs, but the deployment failed. */
    private static final class FailedAfterDeploy extends RuntimeException {

        private final Deployed after;
        private final DriverException cause;

        FailedAfterDeploy(Deployed after, DriverException cause) {
            super(cause.getMessage(), cause, false, false);
            this.after = after;
            this.cause = cause;
        }
    }

    private static Outcome deployed(Deployment d, DeployResult result) {
        String reason = result.changed()
                ? "version " + d.toVersion() + " runs"
                : "version " + d.toVersion() + " already ran with this spec; nothing changed";
        return new Outcome(SpecFactory.deployed(d.job(), result.workload()), reason);
    }

    private Outcome archive(Deployment d, @Nullable Deployed recorded, StepJournal journal) {
        Workload current = specs.workload(recorded);
        if (recorded == null || current == null) {
            journal.skipped(Steps.STOP, "nothing was ever deployed");
            return new Outcome(null, "archived by " + d.actor() + "; nothing ran");
        }
        Workload stopped = drivers.get(current.spec().driver()).archive(current, journal);
        return new Outcome(SpecFactory.deployed(recorded.job(), stopped), "archived by " + d.actor());
    }

    private Outcome restore(Deployment d, @Nullable Deployed recorded, StepJournal journal) {
        Workload archived = specs.workload(recorded);
        if (recorded == null || archived == null) {
            throw new DriverException(
                    Steps.APPLY,
                    FailureReason.GENERIC,
                    "nothing to restore: no deployment of " + d.app() + "/" + d.environment()
                            + " ever succeeded; deploy it instead");
        }
        DeployResult result = drivers.get(archived.spec().driver()).restore(archived, journal);
        return new Outcome(
                SpecFactory.deployed(recorded.job(), result.workload()),
                "restored version " + archived.spec().version() + " by " + d.actor());
    }

    private Outcome cleanup(Deployment d, @Nullable Workload current, StepJournal journal) {
        Driver driver =
                drivers.get(current != null ? current.spec().driver() : d.job().driver());
        driver.cleanup(new Target(d.app(), d.environment()), current, journal);
        return new Outcome(null, "cleaned up by " + d.actor());
    }

    private void fail(Deployment d, StepJournal journal, @Nullable String step, FailureReason why, String error) {
        log.warn("{} failed{}: {}", d, step == null ? "" : " at step " + step, ledger.redact(d, error));
        if (step != null) {
            journal.failed(step, error);
        }
        journal.skipRest(step == null ? "skipped: the deployment failed" : "skipped: step " + step + " failed");
        outcomes.failed(d, why, error, step);
    }
}
