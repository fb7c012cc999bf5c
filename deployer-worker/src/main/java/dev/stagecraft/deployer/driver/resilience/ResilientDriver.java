package dev.stagecraft.deployer.driver.resilience;

import dev.stagecraft.deployer.driver.CheckResult;
import dev.stagecraft.deployer.driver.DeployResult;
import dev.stagecraft.deployer.driver.Driver;
import dev.stagecraft.deployer.driver.Hook;
import dev.stagecraft.deployer.driver.Link;
import dev.stagecraft.deployer.driver.Spec;
import dev.stagecraft.deployer.driver.StepReporter;
import dev.stagecraft.deployer.driver.Steps;
import dev.stagecraft.deployer.driver.Target;
import dev.stagecraft.deployer.driver.Workload;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A driver whose every call goes through {@link DriverResilience}, under the circuit breaker of the cluster
 * the call goes to ({@link Driver#cluster}; the driver's name when there is no spec, a cleanup of an
 * environment that never ran). Every driver operation is idempotent (DESIGN §5), so a whole operation is
 * retried when it failed transiently. Deployment operations wait while their cluster's circuit is open;
 * {@code check}, {@code info} and {@code recover} fail at once with {@code TargetUnavailableException}: a
 * target that cannot be asked says nothing about the workload's health.
 */
final class ResilientDriver implements Driver {

    private final Driver driver;
    private final DriverResilience resilience;

    ResilientDriver(Driver driver, DriverResilience resilience) {
        this.driver = driver;
        this.resilience = resilience;
    }

    @Override
    public String name() {
        return driver.name();
    }

    @Override
    public DeployResult deploy(Spec desired, @Nullable Workload current, StepReporter steps) {
        return guarded(
                DriverCall.DEPLOY,
                desired.target(),
                driver.cluster(desired),
                Steps.APPLY,
                steps,
                s -> driver.deploy(desired, current, s));
    }

    @Override
    public Workload archive(Workload current, StepReporter steps) {
        Spec spec = current.spec();
        return guarded(
                DriverCall.ARCHIVE,
                spec.target(),
                driver.cluster(spec),
                Steps.STOP,
                steps,
                s -> driver.archive(current, s));
    }

    @Override
    public DeployResult restore(Workload archived, StepReporter steps) {
        Spec spec = archived.spec();
        return guarded(
                DriverCall.RESTORE,
                spec.target(),
                driver.cluster(spec),
                Steps.APPLY,
                steps,
                s -> driver.restore(archived, s));
    }

    @Override
    public void cleanup(Target target, @Nullable Workload current, StepReporter steps) {
        guarded(DriverCall.CLEANUP, target, cluster(current), Steps.STOP, steps, s -> {
            driver.cleanup(target, current, s);
            return Boolean.TRUE;
        });
    }

    @Override
    public void recover(Target target, @Nullable Workload current) {
        guarded(DriverCall.RECOVER, target, cluster(current), "recover", StepReporter.silent(), s -> {
            driver.recover(target, current);
            return Boolean.TRUE;
        });
    }

    @Override
    public void runHook(Spec desired, Hook hook, StepReporter steps) {
        guarded(DriverCall.RUN_HOOK, desired.target(), driver.cluster(desired), hook.step(), steps, s -> {
            driver.runHook(desired, hook, s);
            return Boolean.TRUE;
        });
    }

    @Override
    public String cluster(Spec spec) {
        return driver.cluster(spec);
    }

    @Override
    public CheckResult check(Workload current) {
        Spec spec = current.spec();
        return guarded(
                DriverCall.CHECK,
                spec.target(),
                driver.cluster(spec),
                "check",
                StepReporter.silent(),
                s -> driver.check(current));
    }

    @Override
    public List<Link> info(Workload current) {
        Spec spec = current.spec();
        return guarded(
                DriverCall.INFO,
                spec.target(),
                driver.cluster(spec),
                "info",
                StepReporter.silent(),
                s -> driver.info(current));
    }

    @Override
    public String toString() {
        return "resilient " + driver.name() + " driver";
    }

    private String cluster(@Nullable Workload current) {
        return current != null ? driver.cluster(current.spec()) : driver.name();
    }

    private <T> T guarded(
            DriverCall kind,
            Target target,
            String cluster,
            String firstStep,
            StepReporter steps,
            Function<StepReporter, T> body) {
        return resilience.call(new GuardedCall<>(kind, target, cluster, firstStep, body), steps);
    }
}
