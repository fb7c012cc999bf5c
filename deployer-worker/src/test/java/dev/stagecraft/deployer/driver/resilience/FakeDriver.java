package dev.stagecraft.deployer.driver.resilience;

import dev.stagecraft.deployer.driver.CheckResult;
import dev.stagecraft.deployer.driver.DeployResult;
import dev.stagecraft.deployer.driver.Driver;
import dev.stagecraft.deployer.driver.Link;
import dev.stagecraft.deployer.driver.Spec;
import dev.stagecraft.deployer.driver.StepReporter;
import dev.stagecraft.deployer.driver.Steps;
import dev.stagecraft.deployer.driver.Target;
import dev.stagecraft.deployer.driver.Workload;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/** A driver without a target: each deploy runs {@link #onDeploy} with the number of the attempt (1, 2, …). */
final class FakeDriver implements Driver {

    static final String CLUSTER = "fake:test";

    interface Behaviour {
        DeployResult deploy(int attempt, Spec desired, StepReporter steps) throws Exception;
    }

    final AtomicInteger deploys = new AtomicInteger();
    final AtomicInteger checks = new AtomicInteger();
    volatile Behaviour onDeploy = FakeDriver::succeed;

    static Spec spec() {
        return new Spec(new Target("shop", "qa"), "1.0.0", null, "fake", Map.of(), Map.of(), Map.of());
    }

    static DeployResult succeed(int attempt, Spec desired, StepReporter steps) {
        steps.running(Steps.APPLY, "starting " + desired.version());
        steps.done(Steps.APPLY, "started " + desired.version());
        return DeployResult.changed(new Workload(desired, null, null, null, null));
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public String cluster(Spec spec) {
        return CLUSTER;
    }

    @Override
    public DeployResult deploy(Spec desired, @Nullable Workload current, StepReporter steps) {
        try {
            return onDeploy.deploy(deploys.incrementAndGet(), desired, steps);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Workload archive(Workload current, StepReporter steps) {
        return current.stopped();
    }

    @Override
    public void cleanup(Target target, @Nullable Workload current, StepReporter steps) {}

    @Override
    public CheckResult check(Workload current) {
        checks.incrementAndGet();
        return CheckResult.healthy(current.spec().version(), "fine");
    }

    @Override
    public List<Link> info(Workload current) {
        return List.of();
    }
}
