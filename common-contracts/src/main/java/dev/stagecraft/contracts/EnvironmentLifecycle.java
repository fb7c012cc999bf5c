package dev.stagecraft.contracts;

import static dev.stagecraft.contracts.EnvironmentStatus.ARCHIVED;
import static dev.stagecraft.contracts.EnvironmentStatus.ARCHIVE_PENDING;
import static dev.stagecraft.contracts.EnvironmentStatus.CLEANED;
import static dev.stagecraft.contracts.EnvironmentStatus.CLEANUP_FAILED;
import static dev.stagecraft.contracts.EnvironmentStatus.CLEANUP_PENDING;
import static dev.stagecraft.contracts.EnvironmentStatus.CREATE_PENDING;
import static dev.stagecraft.contracts.EnvironmentStatus.FAILURE;
import static dev.stagecraft.contracts.EnvironmentStatus.RESTORE_PENDING;
import static dev.stagecraft.contracts.EnvironmentStatus.RUNNING;
import static dev.stagecraft.contracts.EnvironmentStatus.UPDATE_PENDING;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The one table of allowed environment status transitions (DESIGN §4, Octopod's machine), shared by
 * command-service (which refuses commands the table forbids) and deployer-worker (which checks again when it
 * executes). {@code null} stands for [*]: an environment that does not exist (yet).
 *
 * <pre>
 * [*] → CREATE_PENDING → RUNNING | FAILURE
 * RUNNING → UPDATE_PENDING | ARCHIVE_PENDING | FAILURE (check failed)
 * UPDATE_PENDING → RUNNING | FAILURE
 * FAILURE → UPDATE_PENDING | ARCHIVE_PENDING | RUNNING (a later check passes)
 * ARCHIVE_PENDING → ARCHIVED | FAILURE
 * ARCHIVED → RESTORE_PENDING → RUNNING | FAILURE
 * ARCHIVED → CLEANUP_PENDING → CLEANED | CLEANUP_FAILED
 * CLEANUP_FAILED → CLEANUP_PENDING (cleaning up may be tried again)
 * CLEANED → CREATE_PENDING (a cleaned-up environment no longer exists: like [*], it may be created again)
 * </pre>
 */
public final class EnvironmentLifecycle {

    private static final Set<EnvironmentStatus> FROM_NOTHING = EnumSet.of(CREATE_PENDING);
    private static final Map<EnvironmentStatus, Set<EnvironmentStatus>> ALLOWED =
            new EnumMap<>(EnvironmentStatus.class);

    static {
        allow(CREATE_PENDING, RUNNING, FAILURE);
        allow(RUNNING, UPDATE_PENDING, ARCHIVE_PENDING, FAILURE);
        allow(UPDATE_PENDING, RUNNING, FAILURE);
        allow(FAILURE, UPDATE_PENDING, ARCHIVE_PENDING, RUNNING);
        allow(ARCHIVE_PENDING, ARCHIVED, FAILURE);
        allow(ARCHIVED, RESTORE_PENDING, CLEANUP_PENDING);
        allow(RESTORE_PENDING, RUNNING, FAILURE);
        allow(CLEANUP_PENDING, CLEANED, CLEANUP_FAILED);
        allow(CLEANUP_FAILED, CLEANUP_PENDING);
        allow(CLEANED, CREATE_PENDING);
    }

    private EnvironmentLifecycle() {}

    private static void allow(EnvironmentStatus from, EnvironmentStatus... to) {
        Set<EnvironmentStatus> targets = EnumSet.noneOf(EnvironmentStatus.class);
        targets.addAll(List.of(to));
        ALLOWED.put(from, Collections.unmodifiableSet(targets));
    }

    /** The statuses reachable in one step from {@code from} ({@code null}: a new environment). */
    public static Set<EnvironmentStatus> allowedFrom(@Nullable EnvironmentStatus from) {
        return from == null ? Collections.unmodifiableSet(FROM_NOTHING) : ALLOWED.get(from);
    }

    public static boolean allows(@Nullable EnvironmentStatus from, EnvironmentStatus to) {
        return allowedFrom(from).contains(to);
    }

    /**
     * The status a pending status leads to when its deployment succeeds ({@code UPDATE_PENDING} → RUNNING); any
     * other status is its own outcome. Commands queue behind pending deployments, so they are judged by this.
     */
    public static EnvironmentStatus outcomeOf(EnvironmentStatus status) {
        return switch (status) {
            case CREATE_PENDING, UPDATE_PENDING, RESTORE_PENDING -> RUNNING;
            case ARCHIVE_PENDING -> ARCHIVED;
            case CLEANUP_PENDING -> CLEANED;
            default -> status;
        };
    }

    /** What a person can do with an environment in {@code status}, as a sentence fragment. */
    public static String whatCanBeDone(EnvironmentStatus status) {
        return switch (outcomeOf(status)) {
            case RUNNING -> "it can be updated or archived";
            case FAILURE -> "it can be updated (deploy a version that works) or archived";
            case ARCHIVED -> "restore it first, or clean it up";
            case CLEANUP_FAILED -> "clean it up again";
            case CLEANED -> "it no longer exists; create it again";
            default -> "wait until its deployment finishes";
        };
    }
}
