package dev.stagecraft.command.lock;

import dev.stagecraft.command.CommandRefusedException;
import dev.stagecraft.command.RejectionCode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A lock on an environment: until it is released, only {@code holder} may deploy to or change it.
 *
 * @param lockedAt when it was first locked (a holder changing the reason keeps it)
 */
record EnvironmentLock(String app, String environment, String holder, String reason, Instant lockedAt) {

    boolean heldBy(String actor) {
        return holder.equals(actor);
    }

    EnvironmentLock withReason(String newReason) {
        return new EnvironmentLock(app, environment, holder, newReason, lockedAt);
    }

    /** The refusal of {@code what} (e.g. "deployed to") by someone other than the holder. */
    CommandRefusedException refusal(String what) {
        return new CommandRefusedException(
                RejectionCode.LOCKED,
                "environment " + app + "/" + environment + " is locked by " + holder + " since "
                        + lockedAt.truncatedTo(ChronoUnit.SECONDS) + " (" + reason + "), so it cannot be " + what
                        + " by anyone else; ask " + holder + " to unlock it (DELETE " + path()
                        + "), or an admin to break the lock (DELETE " + path() + "?force=true)");
    }

    private String path() {
        return "/api/v1/applications/" + app + "/environments/" + environment + "/lock";
    }
}
