package dev.stagecraft.deployer.driver.resilience;

import dev.stagecraft.deployer.driver.CheckResult;
import dev.stagecraft.deployer.driver.DeployResult;
import dev.stagecraft.deployer.driver.Driver;
import dev.stagecraft.deployer.driver.Link;
import dev.stagecraft.deployer.driver.Spec;
import dev.stagecraft.deployer.driver.StepReporter;
import dev.stagecraft.deployer.driver.Steps;
import dev.stagecraft.deployer.driver.Target;
import dev.stagecraft.deployer.driver.TargetUnavailableException;
import dev.stagecraft.deployer.driver.Workload;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The test-only {@code flaky} driver: its targets are clusters named {@code flaky:<driverSettings.cluster>},
 * each of which can be switched between up, failing the next few calls, and down. A call to a target that is
 * not up fails with {@link TargetUnavailableException} before it reports anything, as a call whose connection is
 * refused does.
 */
final class FlakyDriver implements Driver {

    @TestConfiguration(proxyBeanMethods = false)
    static class Config {

        @Bean
        FlakyDriver flakyDriver() {
            return new FlakyDriver();
        }
    }

    /** One cluster: down, or failing its next {@code failures} calls. */
    static final class Cluster {

        final AtomicBoolean down = new AtomicBoolean();
        final AtomicInteger failures = new AtomicInteger();
        final AtomicInteger calls = new AtomicInteger();

        void failNext(int count) {
            failures.set(count);
        }

        void goDown() {
            down.set(true);
        }

        void comeUp() {
            down.set(false);
        }

        private void call(String name) {
            calls.incrementAndGet();
            if (down.get() || failures.getAndDecrement() > 0) {
                throw new TargetUnavailableException(Steps.APPLY, "cluster " + name + " refused the connection");
            }
        }
    }

    private final Map<String, Cluster> clusters = new ConcurrentHashMap<>();

    Cluster cluster(String name) {
        return clusters.computeIfAbsent("flaky:" + name, key -> new Cluster());
    }

    @Override
    public String name() {
        return "flaky";
    }

    @Override
    public String cluster(Spec spec) {
        return "flaky:" + spec.setting("cluster", "default");
    }

    @Override
    public DeployResult deploy(Spec desired, @Nullable Workload current, StepReporter steps) {
        String name = cluster(desired);
        clusters.computeIfAbsent(name, key -> new Cluster()).call(name);
        for (String step : Steps.plan(dev.stagecraft.contracts.Operation.DEPLOY)) {
            steps.running(step, step + " on " + name);
            steps.done(step, step + " on " + name + " done");
        }
        return DeployResult.changed(new Workload(desired, null, null, null, name));
    }

    @Override
    public Workload archive(Workload current, StepReporter steps) {
        return current.stopped();
    }

    @Override
    public void cleanup(Target target, @Nullable Workload current, StepReporter steps) {}

    @Override
    public CheckResult check(Workload current) {
        return CheckResult.healthy(current.spec().version(), "up");
    }

    @Override
    public List<Link> info(Workload current) {
        return List.of();
    }
}
