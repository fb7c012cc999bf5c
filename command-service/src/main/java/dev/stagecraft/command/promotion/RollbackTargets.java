package dev.stagecraft.command.promotion;

import dev.stagecraft.command.CommandRefusedException;
import dev.stagecraft.command.environment.EnvironmentState;
import java.util.List;

/** Which version a rollback returns to, or why there is none. Pure. */
final class RollbackTargets {

    private RollbackTargets() {}

    /**
     * The most recent version other than the current one that ran successfully in the environment.
     *
     * @param succeeded the versions whose deployment succeeded there, most recent first
     */
    static String previous(EnvironmentState current, List<String> succeeded) {
        return succeeded.stream()
                .filter(version -> !version.equals(current.version()))
                .findFirst()
                .orElseThrow(() -> CommandRefusedException.conflict(path(current) + " has no earlier version that ran"
                        + " successfully there to roll back to (it has " + current.version() + "); deploy the"
                        + " version you want with PATCH /api/v1/applications/" + current.app() + "/environments/"
                        + current.name()));
    }

    /** {@code version}, if it is not the current one and ran successfully in the environment before. */
    static String chosen(EnvironmentState current, String version, List<String> succeeded) {
        if (version.equals(current.version())) {
            throw CommandRefusedException.conflict(path(current) + " already has " + version
                    + ", so there is nothing to roll back to" + candidates(current, succeeded));
        }
        if (!succeeded.contains(version)) {
            throw CommandRefusedException.conflict(version + " never ran successfully in " + path(current)
                    + ", so it cannot be rolled back to" + candidates(current, succeeded));
        }
        return version;
    }

    private static String candidates(EnvironmentState current, List<String> succeeded) {
        List<String> others = succeeded.stream()
                .filter(version -> !version.equals(current.version()))
                .limit(5)
                .toList();
        return others.isEmpty()
                ? "; no other version ever ran successfully there"
                : "; versions that ran successfully there: " + String.join(", ", others);
    }

    private static String path(EnvironmentState environment) {
        return environment.app() + "/" + environment.name();
    }
}
