package dev.stagecraft.deployer.environment;

import dev.stagecraft.contracts.EnvironmentLifecycle;
import dev.stagecraft.contracts.EnvironmentStatus;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The environment status transitions of DESIGN §4, as the worker applies them: the table is
 * {@link EnvironmentLifecycle}, shared with command-service. {@code null} stands for [*].
 */
public final class EnvironmentStateMachine {

    private EnvironmentStateMachine() {}

    /** The statuses reachable in one step from {@code from} ({@code null}: a new environment). */
    public static Set<EnvironmentStatus> allowedFrom(@Nullable EnvironmentStatus from) {
        return EnvironmentLifecycle.allowedFrom(from);
    }

    public static boolean allows(@Nullable EnvironmentStatus from, EnvironmentStatus to) {
        return EnvironmentLifecycle.allows(from, to);
    }
}
