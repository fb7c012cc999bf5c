package dev.stagecraft.deployer.driver.script;

import dev.stagecraft.contracts.FailureReason;
import dev.stagecraft.deployer.driver.CheckResult;
import dev.stagecraft.deployer.driver.DeployResult;
import dev.stagecraft.deployer.driver.Driver;
import dev.stagecraft.deployer.driver.DriverException;
import dev.stagecraft.deployer.driver.Hook;
import dev.stagecraft.deployer.driver.Link;
import dev.stagecraft.deployer.driver.Spec;
import dev.stagecraft.deployer.driver.StepReporter;
import dev.stagecraft.deployer.driver.Steps;
import dev.stagecraft.deployer.driver.Target;
import dev.stagecraft.deployer.driver.Workload;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Octopod's control-script contract (DESIGN §5, {@code script}): the application's {@code scriptsDir} holds
 * the executables {@code create update archive unarchive check cleanup archive_check config_check info}, each
 * called with the standard arguments of {@link ControlScripts#arguments}. Deploy runs {@code config_check},
 * then {@code create} (first time) or {@code update}, then waits for {@code check}; the script replaces the
 * workload in place. Exit code 75 means the target is unavailable ({@code TargetUnavailableException}); every
 * call is killed with what it started when it outlives its timeout; its output goes to the step log with the
 * spec's secret values masked.
 */
@Component
public class ScriptDriver implements Driver {

    public static final String NAME = "script";

    private final ScriptDriverProperties properties;
    private final Waiting waiting;

    public ScriptDriver(ScriptDriverProperties properties) {
        this.properties = properties;
        this.waiting = new Waiting(properties.checkInterval());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DeployResult deploy(Spec desired, @Nullable Workload current, StepReporter steps) {
        ControlScripts scripts = ControlScripts.of(desired, properties, Steps.APPLY);
        scripts.settings().requireAll(Steps.APPLY);
        boolean ours = current != null && current.spec().driver().equals(NAME);
        if (ours && current.spec().equals(desired)) {
            CheckResult check =
                    Checks.of(scripts.call("check", Steps.APPLY, log(Steps.APPLY, steps)), desired.target());
            if (check.isHealthy()) {
                return keep(current, check, steps);
            }
        }
        apply(scripts, ours ? "update" : "create", steps);
        waiting.untilHealthy(scripts, steps);
        steps.skipped(Steps.SWITCH, "the control script replaces the workload in place");
        return DeployResult.changed(workload(scripts));
    }

    @Override
    public Workload archive(Workload current, StepReporter steps) {
        ControlScripts scripts = ControlScripts.of(current.spec(), properties, Steps.STOP);
        steps.running(Steps.STOP, "running archive for " + current.spec().target());
        scripts.require("archive", Steps.STOP, log(Steps.STOP, steps));
        waiting.untilArchived(scripts, steps);
        steps.done(Steps.STOP, "archived: archive_check passed");
        return current.stopped();
    }

    @Override
    public DeployResult restore(Workload archived, StepReporter steps) {
        ControlScripts scripts = ControlScripts.of(archived.spec(), properties, Steps.APPLY);
        steps.running(
                Steps.APPLY, "running unarchive for version " + archived.spec().version());
        scripts.require("unarchive", Steps.APPLY, log(Steps.APPLY, steps));
        steps.done(Steps.APPLY, "unarchive finished");
        waiting.untilHealthy(scripts, steps);
        return DeployResult.changed(workload(scripts));
    }

    /**
     * The environment is archived when it is cleaned up, and {@code cleanup} removes everything, running or not:
     * STOP has nothing to do. Without a recorded workload the scripts directory is unknown and nothing is done.
     */
    @Override
    public void cleanup(Target target, @Nullable Workload current, StepReporter steps) {
        if (current == null) {
            steps.skipped(Steps.STOP, "nothing was deployed");
            steps.skipped(Steps.DELETE, "nothing was deployed with the script driver; nothing to clean up");
            return;
        }
        steps.skipped(Steps.STOP, "nothing runs: the environment is archived, and cleanup removes the rest");
        ControlScripts scripts = ControlScripts.of(current.spec(), properties, Steps.DELETE);
        steps.running(Steps.DELETE, "running cleanup for " + target);
        scripts.require("cleanup", Steps.DELETE, log(Steps.DELETE, steps));
        steps.done(Steps.DELETE, "cleanup finished");
    }

    /** Runs {@code hook.command()}, an executable of the scripts directory, with the standard arguments. */
    @Override
    public void runHook(Spec desired, Hook hook, StepReporter steps) {
        ControlScripts scripts = ControlScripts.of(desired, properties, hook.step());
        steps.running(hook.step(), "running hook " + hook.command());
        ScriptResult result = scripts.hook(hook.command(), hook.timeout(), hook.step(), log(hook.step(), steps));
        if (!result.succeeded()) {
            throw new DriverException(
                    hook.step(),
                    FailureReason.GENERIC,
                    "hook " + hook.command() + " of " + desired.target() + " failed with exit code " + result.exitCode()
                            + result.lastOutput());
        }
        steps.done(hook.step(), "hook " + hook.command() + " finished");
    }

    /** One circuit breaker per scripts directory: {@code script:<scriptsDir>}. */
    @Override
    public String cluster(Spec spec) {
        return NAME + ":" + ScriptSettings.cluster(spec);
    }

    @Override
    public CheckResult check(Workload current) {
        ControlScripts scripts = ControlScripts.of(current.spec(), properties, "check");
        return Checks.of(
                scripts.call("check", "check", line -> {}), current.spec().target());
    }

    @Override
    public List<Link> info(Workload current) {
        ControlScripts scripts = ControlScripts.of(current.spec(), properties, Links.STEP);
        return Links.parse(scripts.require("info", Links.STEP, line -> {}).stdout());
    }

    private static void apply(ControlScripts scripts, String script, StepReporter steps) {
        Spec desired = scripts.spec();
        Consumer<String> log = log(Steps.APPLY, steps);
        steps.running(
                Steps.APPLY,
                "running config_check, then " + script + " for version " + desired.version() + " in namespace "
                        + scripts.settings().namespace());
        ScriptResult config = scripts.call("config_check", Steps.APPLY, log);
        if (!config.succeeded()) {
            throw new DriverException(
                    Steps.APPLY,
                    FailureReason.GENERIC,
                    "config_check of " + desired.target() + " rejected the configuration of version "
                            + desired.version() + " (exit code " + config.exitCode() + "); nothing was changed"
                            + config.lastOutput());
        }
        scripts.require(script, Steps.APPLY, log);
        steps.done(Steps.APPLY, script + " finished for version " + desired.version());
    }

    private static DeployResult keep(Workload current, CheckResult check, StepReporter steps) {
        steps.skipped(
                Steps.APPLY, "version " + current.spec().version() + " already runs with this spec; nothing to change");
        steps.done(Steps.WAIT_READY, check.message());
        steps.skipped(Steps.SWITCH, "nothing to switch");
        return DeployResult.unchanged(current);
    }

    private static Workload workload(ControlScripts scripts) {
        return new Workload(scripts.spec(), null, null, null, scripts.settings().namespace());
    }

    private static Consumer<String> log(String step, StepReporter steps) {
        return line -> steps.log(step, line);
    }
}
