package dev.stagecraft.deployer.driver.script;

import dev.stagecraft.contracts.FailureReason;
import dev.stagecraft.deployer.driver.CheckResult;
import dev.stagecraft.deployer.driver.Target;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What an exit code of {@code check} means (DESIGN §5): 0 healthy, 1 {@link FailureReason#GENERIC}, 2
 * {@link FailureReason#PARTIAL_AVAILABILITY}, 3 {@link FailureReason#VERSION_MISMATCH}, any other
 * {@link FailureReason#GENERIC}. A line {@code version=<v>} on stdout is the version the workload runs.
 */
final class Checks {

    private static final String VERSION = "version=";

    private Checks() {}

    static CheckResult of(ScriptResult result, Target target) {
        String version = version(result.stdout());
        if (result.exitCode() == 0) {
            return CheckResult.healthy(version, "check of " + target + " passed" + output(result));
        }
        FailureReason reason = reason(result.exitCode());
        return CheckResult.failed(
                reason,
                version,
                "check of " + target + " exited with " + result.exitCode() + " (" + describe(reason) + ")"
                        + output(result));
    }

    static FailureReason reason(int exitCode) {
        return switch (exitCode) {
            case 2 -> FailureReason.PARTIAL_AVAILABILITY;
            case 3 -> FailureReason.VERSION_MISMATCH;
            default -> FailureReason.GENERIC;
        };
    }

    private static String describe(FailureReason reason) {
        return switch (reason) {
            case GENERIC -> "failure";
            case PARTIAL_AVAILABILITY -> "partially available";
            case VERSION_MISMATCH -> "version mismatch";
        };
    }

    /** The last {@code version=<v>} line of stdout, if any. */
    private static @Nullable String version(List<String> stdout) {
        String version = null;
        for (String line : stdout) {
            String stripped = line.strip();
            if (stripped.startsWith(VERSION) && stripped.length() > VERSION.length()) {
                version = stripped.substring(VERSION.length()).strip();
            }
        }
        return version;
    }

    private static String output(ScriptResult result) {
        return result.tail().isEmpty() ? "" : ": " + String.join("\n", result.tail());
    }
}
