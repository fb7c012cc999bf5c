package dev.stagecraft.deployer.driver.resilience;

import dev.stagecraft.deployer.driver.resilience.ResilienceProperties.TimeLimits;
import java.time.Duration;

/**
 * The kinds of driver calls. Deployment operations wait while their cluster's circuit is open; the others
 * (called at start-up or for a look at the actual state) fail at once instead.
 */
enum DriverCall {
    DEPLOY("deploy", "deploy", true),
    RESTORE("restore", "deploy", true),
    ARCHIVE("archive", "archive", true),
    CLEANUP("cleanup", "cleanup", true),
    RUN_HOOK("hook", "hook", true),
    RECOVER("recover", "cleanup", false),
    CHECK("check", "check", false),
    INFO("info", "check", false);

    private final String label;
    private final String timeLimitName;
    private final boolean waits;

    DriverCall(String label, String timeLimitName, boolean waits) {
        this.label = label;
        this.timeLimitName = timeLimitName;
        this.waits = waits;
    }

    /** The name people and metrics know the call by (the time limiter's name). */
    String label() {
        return label;
    }

    /** Whether the call waits for a cluster whose circuit is open, rather than failing at once. */
    boolean waits() {
        return waits;
    }

    Duration timeLimit(TimeLimits limits) {
        return switch (timeLimitName) {
            case "deploy" -> limits.deploy();
            case "archive" -> limits.archive();
            case "cleanup" -> limits.cleanup();
            case "hook" -> limits.hook();
            default -> limits.check();
        };
    }

    /** The property that sets the call's time limit. */
    String timeLimitProperty() {
        return "stagecraft.deployer.resilience.time-limit." + timeLimitName;
    }
}
