package dev.stagecraft.deployer.driver.script;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code stagecraft.deployer.script.*}: the {@code script} driver.
 *
 * @param timeout how long one call of a control script may run before it is killed with every process it
 *     started (a job's {@code driverSettings.timeout} wins)
 * @param checkInterval pause between two calls of {@code check} (or {@code archive_check}) while waiting
 * @param readyTimeout how long {@code check} may take to pass after {@code create}, {@code update} or
 *     {@code unarchive}, and {@code archive_check} after {@code archive} ({@code driverSettings.readyTimeout}
 *     wins)
 * @param outputLines lines of one call's output kept: copied into the step log and parsed ({@code info},
 *     {@code check}); the rest is counted, and its last lines are logged as well
 * @param inheritedVariables variables of the worker's own environment that control scripts inherit; nothing
 *     else of the worker's environment (database passwords, the secrets key, …) reaches them
 */
@ConfigurationProperties("stagecraft.deployer.script")
public record ScriptDriverProperties(
        Duration timeout,
        Duration checkInterval,
        Duration readyTimeout,
        int outputLines,
        List<String> inheritedVariables) {

    static final List<String> DEFAULT_INHERITED =
            List.of("PATH", "HOME", "USER", "LANG", "LC_ALL", "TZ", "TMPDIR", "KUBECONFIG");

    public ScriptDriverProperties(
            @Nullable Duration timeout,
            @Nullable Duration checkInterval,
            @Nullable Duration readyTimeout,
            int outputLines,
            @Nullable List<String> inheritedVariables) {
        this.timeout = timeout != null ? timeout : Duration.ofMinutes(5);
        this.checkInterval = checkInterval != null ? checkInterval : Duration.ofSeconds(2);
        this.readyTimeout = readyTimeout != null ? readyTimeout : Duration.ofMinutes(5);
        this.outputLines = outputLines > 0 ? outputLines : 200;
        this.inheritedVariables = inheritedVariables != null ? List.copyOf(inheritedVariables) : DEFAULT_INHERITED;
    }

    /** The defaults. */
    public static ScriptDriverProperties defaults() {
        return new ScriptDriverProperties(null, null, null, 0, null);
    }
}
