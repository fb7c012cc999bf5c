package dev.stagecraft.deployer.environment;

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

import dev.stagecraft.contracts.EnvironmentStatus;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The one table of allowed environment status transitions (DESIGN §4, Octopod's machine). {@code null}
 * stands for [*]: an environment that does not exist (yet).
 *
 * <pre>
 * [*] → CREATE_PENDING → RUNNING | FAILURE
 * RUNNING → UPDATE_PENDING | ARCHIVE_PENDING | FAILURE (check failed)
 * UPDATE_PENDING → RUNNING | FAILURE
 * FAILURE → UPDATE_PENDING | ARCHIVE_PENDING | RUNNING (a later check passes)
 * ARCHIVE_PENDING → ARCHIVED | FAILURE
 * ARCHIVED → RESTORE_PENDING → RUNNING | FAILURE
 * ARCHIVED → CLEANUP_PENDING → CLEANED | CLEANUP_FAILED
 * CLEANED → CREATE_PENDING (a cleaned-up environment no longer exists: like [*], it may be created again)
 * </pre>
 */
public final class EnvironmentStateMachine {

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
        allow(CLEANED, CREATE_PENDING);
        allow(CLEANUP_FAILED);
    }

    private EnvironmentStateMachine() {}

    private static void allow(EnvironmentStatus from, EnvironmentStatus... to) {
        Set<EnvironmentStatus> targets = EnumSet.noneOf(EnvironmentStatus.class);
        targets.addAll(java.util.List.of(to));
        ALLOWED.put(from, Collections.unmodifiableSet(targets));
    }

    /** The statuses reachable in one step from {@code from} ({@code null}: a new environment). */
    public static Set<EnvironmentStatus> allowedFrom(@Nullable EnvironmentStatus from) {
        return from == null ? Collections.unmodifiableSet(FROM_NOTHING) : ALLOWED.get(from);
    }

    public static boolean allows(@Nullable EnvironmentStatus from, EnvironmentStatus to) {
        return allowedFrom(from).contains(to);
    }
}
