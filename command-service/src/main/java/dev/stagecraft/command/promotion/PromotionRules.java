package dev.stagecraft.command.promotion;

import dev.stagecraft.command.CommandRefusedException;
import dev.stagecraft.contracts.command.Stage;

/** The rules a promotion into a stage must pass, with the sentences that explain a refusal. Pure. */
final class PromotionRules {

    private PromotionRules() {}

    /** Refuses a promotion of a version the stage already runs (or is being deployed to run). */
    static void refuseIfHeld(String app, String version, StageState target) {
        if (target.holds(version)) {
            throw CommandRefusedException.conflict(app + " " + version + " already runs in " + target.stage() + " ("
                    + target.describe() + "); there is nothing to promote");
        }
    }

    /**
     * The previous-stage rule: a version may enter a stage only if it runs successfully in the stage before it.
     */
    static void requireRunsIn(String app, String version, Stage target, StageState previous) {
        if (!previous.runs(version)) {
            throw CommandRefusedException.conflict(app + " " + version + " cannot enter " + target.environment()
                    + ": it does not run in " + previous.stage() + " (" + previous.describe() + "); promote it to "
                    + previous.stage() + " first");
        }
    }
}
