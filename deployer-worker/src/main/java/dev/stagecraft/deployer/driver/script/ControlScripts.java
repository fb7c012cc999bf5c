package dev.stagecraft.deployer.driver.script;

import dev.stagecraft.contracts.FailureReason;
import dev.stagecraft.deployer.driver.DriverException;
import dev.stagecraft.deployer.driver.Spec;
import dev.stagecraft.deployer.driver.TargetUnavailableException;
import dev.stagecraft.deployer.secret.Redactor;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The control scripts of one spec and how each is called: with the standard arguments ({@link #arguments}),
 * the secrets as environment variables and never as arguments ({@link #environment}), in the scripts
 * directory, within the timeout. Exit code 75 becomes a {@link TargetUnavailableException}, running out of
 * time a {@link DriverException}; every other exit code is the caller's to judge.
 */
final class ControlScripts {

    private final Spec spec;
    private final ScriptSettings settings;
    private final ScriptDriverProperties properties;
    private final ScriptRunner runner;
    private final Redactor redactor;

    ControlScripts(Spec spec, ScriptSettings settings, ScriptDriverProperties properties) {
        this.spec = spec;
        this.settings = settings;
        this.properties = properties;
        this.runner = new ScriptRunner(properties.outputLines());
        this.redactor = Redactor.of(spec.secrets().values());
    }

    static ControlScripts of(Spec spec, ScriptDriverProperties properties, String step) {
        return new ControlScripts(spec, ScriptSettings.of(spec, properties, step), properties);
    }

    ScriptSettings settings() {
        return settings;
    }

    Spec spec() {
        return spec;
    }

    /** Calls the control script {@code name} on behalf of {@code step}, its output going to {@code log}. */
    ScriptResult call(String name, String step, Consumer<String> log) {
        return run(name, settings.script(name, step), settings.timeout(), "driverSettings.timeout", step, log);
    }

    /** Calls {@code name} and fails at {@code step} unless it exits with 0. */
    ScriptResult require(String name, String step, Consumer<String> log) {
        ScriptResult result = call(name, step, log);
        if (!result.succeeded()) {
            throw new DriverException(
                    step,
                    FailureReason.GENERIC,
                    name + " of " + spec.target() + " failed with exit code " + result.exitCode()
                            + result.lastOutput());
        }
        return result;
    }

    /** Runs the hook executable {@code command} of the scripts directory within {@code timeout}. */
    ScriptResult hook(String command, Duration timeout, String step, Consumer<String> log) {
        return run(command, settings.hook(command, step), timeout, "the hook's timeout", step, log);
    }

    /**
     * {@code --project-name <app> --base-domain <baseDomain> --namespace <namespace> --name <environment>
     * --tag <version>}, then {@code --application-config K=V} per public override and {@code --deployment-config
     * K=V} per {@code deploymentConfig.K} setting, each sorted by key.
     */
    List<String> arguments() {
        List<String> arguments = new ArrayList<>(List.of(
                "--project-name", spec.target().app(),
                "--base-domain", settings.baseDomain(),
                "--namespace", settings.namespace(),
                "--name", spec.target().environment(),
                "--tag", spec.version()));
        new TreeMap<>(spec.overrides())
                .forEach((key, value) -> arguments.addAll(List.of("--application-config", key + "=" + value)));
        settings.deploymentConfig()
                .forEach((key, value) -> arguments.addAll(List.of("--deployment-config", key + "=" + value)));
        return arguments;
    }

    /**
     * The inherited variables of the worker, then each secret under its own key, then {@code STAGECRAFT_APP},
     * {@code STAGECRAFT_ENVIRONMENT}, {@code STAGECRAFT_VERSION}, {@code STAGECRAFT_COMMIT} (if known) and
     * {@code STAGECRAFT_SECRETS} (the secrets' keys, comma-separated).
     */
    Map<String, String> environment(String step) {
        Map<String, String> environment = new HashMap<>();
        for (String name : properties.inheritedVariables()) {
            String value = System.getenv(name);
            if (value != null) {
                environment.put(name, value);
            }
        }
        spec.secrets().forEach((key, value) -> environment.put(variableName(key, step), value));
        environment.put("STAGECRAFT_APP", spec.target().app());
        environment.put("STAGECRAFT_ENVIRONMENT", spec.target().environment());
        environment.put("STAGECRAFT_VERSION", spec.version());
        if (spec.commit() != null) {
            environment.put("STAGECRAFT_COMMIT", spec.commit());
        }
        environment.put("STAGECRAFT_SECRETS", String.join(",", new TreeMap<>(spec.secrets()).keySet()));
        return environment;
    }

    private ScriptResult run(
            String name, Path executable, Duration timeout, String timeoutSetting, String step, Consumer<String> log) {
        Call call = new Call(name, executable, arguments(), environment(step), settings.scriptsDir(), timeout);
        ScriptResult result;
        try {
            result = runner.run(call, redactor, log);
        } catch (IOException e) {
            throw new DriverException(step, "cannot run " + executable + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DriverException(
                    step, FailureReason.GENERIC, name + " of " + spec.target() + " was killed: the worker is stopping");
        }
        if (result.timedOut()) {
            throw new DriverException(
                    step,
                    FailureReason.GENERIC,
                    name + " of " + spec.target() + " did not finish within " + ScriptSettings.text(timeout)
                            + " and was killed with every process it started; give it more time with "
                            + timeoutSetting + result.lastOutput());
        }
        if (result.exitCode() == ScriptResult.TEMPORARY_FAILURE) {
            throw new TargetUnavailableException(
                    step,
                    name + " of " + spec.target() + " exited with 75 (EX_TEMPFAIL): its target is unavailable"
                            + " for now" + result.lastOutput());
        }
        return result;
    }

    private static String variableName(String key, String step) {
        if (key.isEmpty() || key.indexOf('=') >= 0 || key.indexOf('\0') >= 0) {
            throw new DriverException(
                    step,
                    FailureReason.GENERIC,
                    "secret '" + key + "' cannot be passed to control scripts: its key must be a valid environment"
                            + " variable name (no '=', not empty); rename it");
        }
        return key;
    }
}
