package dev.stagecraft.deployer.driver.local;

import dev.stagecraft.contracts.FailureReason;
import dev.stagecraft.deployer.driver.DriverException;
import dev.stagecraft.deployer.driver.Spec;
import dev.stagecraft.deployer.driver.Steps;
import java.time.Duration;
import org.springframework.boot.convert.DurationStyle;

/**
 * The {@code driverSettings} the local driver reads: {@code command} (required, run through {@code sh -c}),
 * {@code healthPath} (default {@code /health}) and {@code readyTimeout} ({@code 90s}, {@code PT90S}).
 */
record LocalSettings(String command, String healthPath, Duration readyTimeout) {

    static LocalSettings of(Spec spec, LocalDriverProperties properties) {
        String command = spec.setting("command", "");
        if (command.isBlank()) {
            throw new DriverException(
                    Steps.APPLY,
                    FailureReason.GENERIC,
                    "the local driver needs driverSettings.command (the shell command that starts the application); "
                            + "set it on application " + spec.target().app());
        }
        String path = spec.setting("healthPath", "/health");
        return new LocalSettings(
                command, path.startsWith("/") ? path : "/" + path, readyTimeout(spec, properties.readyTimeout()));
    }

    private static Duration readyTimeout(Spec spec, Duration fallback) {
        String text = spec.setting("readyTimeout", "");
        if (text.isBlank()) {
            return fallback;
        }
        try {
            return DurationStyle.detectAndParse(text);
        } catch (IllegalArgumentException e) {
            throw new DriverException(
                    Steps.APPLY,
                    FailureReason.GENERIC,
                    "driverSettings.readyTimeout '" + text + "' is not a duration; write e.g. 90s or PT90S");
        }
    }
}
