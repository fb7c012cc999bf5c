package dev.stagecraft.deployer.driver.script;

import dev.stagecraft.contracts.FailureReason;
import dev.stagecraft.deployer.driver.DriverException;
import dev.stagecraft.deployer.driver.Spec;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.convert.DurationStyle;

/**
 * The {@code driverSettings} the script driver reads: {@code scriptsDir} (required), {@code baseDomain}
 * (empty), {@code namespace} (the application's name), {@code timeout} and {@code readyTimeout} ({@code 90s},
 * {@code PT90S}; the worker's properties by default), and every {@code deploymentConfig.K} as {@code K}.
 */
record ScriptSettings(
        Path scriptsDir,
        String baseDomain,
        String namespace,
        Duration timeout,
        Duration readyTimeout,
        Map<String, String> deploymentConfig) {

    /** The executables of Octopod's contract, each required in the scripts directory. */
    static final List<String> SCRIPTS = List.of(
            "create", "update", "archive", "unarchive", "check", "cleanup", "archive_check", "config_check", "info");

    static final String DEPLOYMENT_CONFIG = "deploymentConfig.";

    /** The settings of {@code spec}; throws {@link DriverException} naming {@code step} if they are unusable. */
    static ScriptSettings of(Spec spec, ScriptDriverProperties properties, String step) {
        return new ScriptSettings(
                scriptsDir(spec, step),
                spec.setting("baseDomain", ""),
                spec.setting("namespace", spec.target().app()),
                duration(spec, "timeout", properties.timeout(), step),
                duration(spec, "readyTimeout", properties.readyTimeout(), step),
                deploymentConfig(spec));
    }

    /** The scripts directory a spec names, as the worker's circuit breakers tell targets apart; never throws. */
    static String cluster(Spec spec) {
        String dir = spec.setting("scriptsDir", "");
        try {
            return dir.isBlank()
                    ? ""
                    : Path.of(dir).toAbsolutePath().normalize().toString();
        } catch (InvalidPathException e) {
            return dir;
        }
    }

    /** The control script {@code name}; throws naming {@code step} if it is missing or not executable. */
    Path script(String name, String step) {
        Path script = scriptsDir.resolve(name);
        if (!Files.isRegularFile(script) || !Files.isExecutable(script)) {
            throw new DriverException(
                    step,
                    FailureReason.GENERIC,
                    "control script " + script + " is missing or not executable; the script driver calls "
                            + String.join(", ", SCRIPTS) + " in driverSettings.scriptsDir (chmod +x them)");
        }
        return script;
    }

    /** Fails naming {@code step} unless every script of {@link #SCRIPTS} is there and executable. */
    void requireAll(String step) {
        List<String> missing = SCRIPTS.stream()
                .filter(name -> !Files.isExecutable(scriptsDir.resolve(name)))
                .toList();
        if (!missing.isEmpty()) {
            throw new DriverException(
                    step,
                    FailureReason.GENERIC,
                    "driverSettings.scriptsDir " + scriptsDir + " lacks the executable control scripts "
                            + String.join(", ", missing) + "; add them (chmod +x) or point scriptsDir elsewhere");
        }
    }

    /**
     * The executable a hook names, relative to the scripts directory and inside it; throws naming the hook's
     * step otherwise.
     */
    Path hook(String command, String step) {
        Path hook = null;
        try {
            hook = command.isBlank() ? null : scriptsDir.resolve(command).normalize();
        } catch (InvalidPathException e) {
            // refused below
        }
        if (hook == null || !hook.startsWith(scriptsDir) || hook.equals(scriptsDir)) {
            throw new DriverException(
                    step,
                    FailureReason.GENERIC,
                    "the " + step + " hook '" + command + "' must name an executable inside driverSettings.scriptsDir "
                            + scriptsDir + " (a relative path without ..)");
        }
        if (!Files.isRegularFile(hook) || !Files.isExecutable(hook)) {
            throw new DriverException(
                    step,
                    FailureReason.GENERIC,
                    "the " + step + " hook " + hook + " is missing or not executable; add it (chmod +x) or fix the"
                            + " application's plan");
        }
        return hook;
    }

    /** {@code 90s}, {@code 5m}, {@code 1m30s}, {@code 250ms}: how durations read in messages. */
    static String text(Duration duration) {
        if (duration.toMillisPart() != 0 || duration.isZero()) {
            return duration.toMillis() + "ms";
        }
        long minutes = duration.toMinutes();
        int seconds = duration.toSecondsPart();
        return minutes == 0 ? seconds + "s" : minutes + "m" + (seconds == 0 ? "" : seconds + "s");
    }

    private static Path scriptsDir(Spec spec, String step) {
        String text = spec.setting("scriptsDir", "");
        if (text.isBlank()) {
            throw new DriverException(
                    step,
                    FailureReason.GENERIC,
                    "the script driver needs driverSettings.scriptsDir (the directory with the control scripts "
                            + String.join(", ", SCRIPTS) + "); set it on application "
                            + spec.target().app());
        }
        Path dir;
        try {
            dir = Path.of(text).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            dir = null;
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new DriverException(
                    step,
                    FailureReason.GENERIC,
                    "driverSettings.scriptsDir '" + text + "' of application "
                            + spec.target().app()
                            + " is not a directory on this worker; point it at the directory with the control"
                            + " scripts");
        }
        return dir;
    }

    private static Duration duration(Spec spec, String name, Duration fallback, String step) {
        String text = spec.setting(name, "");
        if (text.isBlank()) {
            return fallback;
        }
        try {
            Duration duration = DurationStyle.detectAndParse(text);
            if (duration.isPositive()) {
                return duration;
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw new DriverException(
                step,
                FailureReason.GENERIC,
                "driverSettings." + name + " '" + text + "' is not a positive duration; write e.g. 90s, 5m or PT5M");
    }

    private static Map<String, String> deploymentConfig(Spec spec) {
        Map<String, String> config = new TreeMap<>();
        spec.settings().forEach((key, value) -> {
            if (key.startsWith(DEPLOYMENT_CONFIG) && key.length() > DEPLOYMENT_CONFIG.length()) {
                config.put(key.substring(DEPLOYMENT_CONFIG.length()), value);
            }
        });
        return config;
    }
}
