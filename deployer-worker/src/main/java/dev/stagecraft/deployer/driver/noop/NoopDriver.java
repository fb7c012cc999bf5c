package dev.stagecraft.deployer.driver.noop;

import dev.stagecraft.contracts.FailureReason;
import dev.stagecraft.deployer.driver.CheckResult;
import dev.stagecraft.deployer.driver.DeployResult;
import dev.stagecraft.deployer.driver.Driver;
import dev.stagecraft.deployer.driver.DriverException;
import dev.stagecraft.deployer.driver.Link;
import dev.stagecraft.deployer.driver.Spec;
import dev.stagecraft.deployer.driver.StepReporter;
import dev.stagecraft.deployer.driver.Steps;
import dev.stagecraft.deployer.driver.Target;
import dev.stagecraft.deployer.driver.Workload;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.stereotype.Component;

/**
 * Runs nothing and reports every step done. {@code driverSettings.delay} ({@code 2s}) makes each
 * deployment take that long; {@code driverSettings.fail} (a step name, or {@code info}) makes it fail at that
 * step (its {@code info}); {@code driverSettings.url} is the one link ({@code application}) its {@code info}
 * gives.
 */
@Component
public class NoopDriver implements Driver {

    public static final String NAME = "noop";

    /** What {@code driverSettings.fail} names to make {@link #info} fail. */
    private static final String INFO = "info";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DeployResult deploy(Spec desired, @Nullable Workload current, StepReporter steps) {
        if (current != null && current.spec().equals(desired)) {
            steps.skipped(Steps.APPLY, "version " + desired.version() + " already runs with this spec");
            steps.skipped(Steps.WAIT_READY, "nothing to wait for");
            steps.skipped(Steps.SWITCH, "nothing to switch");
            return DeployResult.unchanged(current);
        }
        step(desired, Steps.APPLY, "pretending to start " + desired.version(), steps);
        pause(desired);
        step(desired, Steps.WAIT_READY, "pretending " + desired.version() + " is ready", steps);
        step(desired, Steps.SWITCH, "pretending to stop the earlier version", steps);
        return DeployResult.changed(new Workload(desired, null, null, null, null));
    }

    @Override
    public Workload archive(Workload current, StepReporter steps) {
        step(current.spec(), Steps.STOP, "pretending to stop " + current.spec().version(), steps);
        return current.stopped();
    }

    @Override
    public DeployResult restore(Workload archived, StepReporter steps) {
        step(
                archived.spec(),
                Steps.APPLY,
                "pretending to start " + archived.spec().version(),
                steps);
        step(archived.spec(), Steps.WAIT_READY, "pretending it is ready", steps);
        return DeployResult.changed(archived);
    }

    @Override
    public void cleanup(Target target, @Nullable Workload current, StepReporter steps) {
        steps.running(Steps.STOP, "pretending to stop " + target);
        steps.done(Steps.STOP, "stopped nothing");
        steps.running(Steps.DELETE, "pretending to delete " + target);
        steps.done(Steps.DELETE, "deleted nothing");
    }

    @Override
    public CheckResult check(Workload current) {
        return CheckResult.healthy(current.spec().version(), "noop workloads are always healthy");
    }

    @Override
    public List<Link> info(Workload current) {
        if (INFO.equals(current.spec().settings().get("fail"))) {
            throw new DriverException(INFO, FailureReason.GENERIC, "info failed as driverSettings.fail asks");
        }
        String url = current.spec().settings().get("url");
        return url == null || url.isBlank() ? List.of() : List.of(new Link("application", url));
    }

    private static void step(Spec spec, String step, String message, StepReporter steps) {
        steps.running(step, message);
        if (step.equals(spec.settings().get("fail"))) {
            throw new DriverException(
                    step, FailureReason.GENERIC, "step " + step + " failed as driverSettings.fail asks");
        }
        steps.done(step, message.replace("pretending", "pretended"));
    }

    private static void pause(Spec spec) {
        String delay = spec.setting("delay", "0s");
        try {
            Thread.sleep(DurationStyle.detectAndParse(delay));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalArgumentException e) {
            throw new DriverException(
                    Steps.APPLY,
                    FailureReason.GENERIC,
                    "driverSettings.delay '" + delay + "' is not a duration; write e.g. 2s or PT2S");
        }
    }
}
