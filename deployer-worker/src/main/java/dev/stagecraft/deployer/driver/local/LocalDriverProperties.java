package dev.stagecraft.deployer.driver.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code stagecraft.deployer.local.*}: the {@code local} driver.
 *
 * @param workDir root of the environments' working directories ({@code <workDir>/<app>/<env>/})
 * @param readyTimeout how long a new version may take to answer its health check (a job's
 *     {@code driverSettings.readyTimeout} wins)
 * @param stopGrace how long a stopped process may take to exit after SIGTERM before it is killed
 * @param probeInterval pause between two health probes
 * @param logTailLines lines of process output copied into the step log (never into published messages)
 * @param inheritedVariables variables of the worker's own environment that processes inherit; nothing else
 *     of the worker's environment (database passwords, …) reaches them
 */
@ConfigurationProperties("stagecraft.deployer.local")
public record LocalDriverProperties(
        Path workDir,
        Duration readyTimeout,
        Duration stopGrace,
        Duration probeInterval,
        int logTailLines,
        List<String> inheritedVariables) {

    static final List<String> DEFAULT_INHERITED =
            List.of("PATH", "HOME", "USER", "LANG", "LC_ALL", "TZ", "TMPDIR", "JAVA_HOME");

    public LocalDriverProperties(
            @Nullable Path workDir,
            @Nullable Duration readyTimeout,
            @Nullable Duration stopGrace,
            @Nullable Duration probeInterval,
            int logTailLines,
            @Nullable List<String> inheritedVariables) {
        this.workDir = workDir != null ? workDir : Path.of(System.getProperty("java.io.tmpdir"), "stagecraft", "local");
        this.readyTimeout = readyTimeout != null ? readyTimeout : Duration.ofSeconds(60);
        this.stopGrace = stopGrace != null ? stopGrace : Duration.ofSeconds(10);
        this.probeInterval = probeInterval != null ? probeInterval : Duration.ofMillis(250);
        this.logTailLines = logTailLines > 0 ? logTailLines : 20;
        this.inheritedVariables = inheritedVariables != null ? List.copyOf(inheritedVariables) : DEFAULT_INHERITED;
    }

    /** The defaults, with the working directories under {@code workDir}. */
    public static LocalDriverProperties defaults(Path workDir) {
        return new LocalDriverProperties(workDir, null, null, null, 0, null);
    }

    public LocalDriverProperties withReadyTimeout(Duration timeout) {
        return new LocalDriverProperties(workDir, timeout, stopGrace, probeInterval, logTailLines, inheritedVariables);
    }
}
