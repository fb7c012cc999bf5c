package dev.stagecraft.deployer.driver;

import dev.stagecraft.contracts.Operation;
import java.util.List;

/** The names of plan steps, and the plan of each operation; every driver reports these steps. */
public final class Steps {

    /** Run the pre-deploy hook (e.g. a database migration) before anything changes. */
    public static final String PRE_DEPLOY = "pre-deploy";
    /** Check the environment's URL over HTTP once it runs. */
    public static final String VERIFY = "verify";
    /** Run the post-deploy hook. */
    public static final String POST_DEPLOY = "post-deploy";
    /** Start the new version next to the old one. */
    public static final String APPLY = "apply";
    /** Wait until the new version answers its health check. */
    public static final String WAIT_READY = "wait-ready";
    /** Stop the old version: the new one takes over. */
    public static final String SWITCH = "switch";
    /** Stop the workload (archive, cleanup). */
    public static final String STOP = "stop";
    /** Remove everything the environment owns (cleanup). */
    public static final String DELETE = "delete";

    private Steps() {}

    public static List<String> plan(Operation operation) {
        return switch (operation) {
            case DEPLOY -> List.of(APPLY, WAIT_READY, SWITCH);
            case RESTORE -> List.of(APPLY, WAIT_READY);
            case ARCHIVE -> List.of(STOP);
            case CLEANUP -> List.of(STOP, DELETE);
        };
    }
}
