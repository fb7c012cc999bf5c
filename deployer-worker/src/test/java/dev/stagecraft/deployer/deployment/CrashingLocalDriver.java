package dev.stagecraft.deployer.deployment;

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
import dev.stagecraft.deployer.driver.local.LocalDriver;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * The worker's {@code local} driver, except that a deploy with {@code driverSettings.dieWhileWaiting=true}
 * stops dead at the new version's first health probe, as if the worker were killed there: no code of the
 * worker runs after that, so the deployment stays RUNNING and the new version keeps starting. Ordered first, so
 * that {@code Drivers} picks it as "local".
 */
class CrashingLocalDriver implements Driver, Ordered {

    @TestConfiguration(proxyBeanMethods = false)
    static class Config {

        @Bean
        CrashingLocalDriver crashingLocalDriver(LocalDriver local) {
            return new CrashingLocalDriver(local);
        }
    }

    /** Where the worker "died"; an Error, so that no cleanup code of the worker catches it. */
    static final class WorkerDied extends Error {}

    private final LocalDriver local;
    private final Set<Target> died = ConcurrentHashMap.newKeySet();

    CrashingLocalDriver(LocalDriver local) {
        this.local = local;
    }

    boolean diedDeploying(Target target) {
        return died.contains(target);
    }

    @Override
    public DeployResult deploy(Spec desired, @Nullable Workload current, StepReporter steps) {
        boolean dies = desired.setting("dieWhileWaiting", "false").equals("true");
        return local.deploy(desired, current, dies ? dyingAtFirstProbe(desired.target(), steps) : steps);
    }

    private StepReporter dyingAtFirstProbe(Target target, StepReporter steps) {
        return new StepReporter() {
            @Override
            public void running(String step, String message) {
                steps.running(step, message);
            }

            @Override
            public void done(String step, String message) {
                steps.done(step, message);
            }

            @Override
            public void skipped(String step, String message) {
                steps.skipped(step, message);
            }

            @Override
            public void log(String step, String line) {
                if (step.equals(Steps.WAIT_READY)) {
                    died.add(target);
                    throw new WorkerDied();
                }
                steps.log(step, line);
            }
        };
    }

    @Override
    public String name() {
        return local.name();
    }

    @Override
    public Workload archive(Workload current, StepReporter steps) {
        return local.archive(current, steps);
    }

    @Override
    public void cleanup(Target target, @Nullable Workload current, StepReporter steps) {
        local.cleanup(target, current, steps);
    }

    @Override
    public void recover(Target target, @Nullable Workload current) {
        local.recover(target, current);
    }

    @Override
    public void runHook(Spec desired, Hook hook, StepReporter steps) {
        local.runHook(desired, hook, steps);
    }

    @Override
    public CheckResult check(Workload current) {
        return local.check(current);
    }

    @Override
    public List<Link> info(Workload current) {
        return local.info(current);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
