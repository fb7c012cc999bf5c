package dev.stagecraft.command.intake;

import dev.stagecraft.contracts.command.ArchiveEnvironment;
import dev.stagecraft.contracts.command.CleanupEnvironment;
import dev.stagecraft.contracts.command.Command;
import dev.stagecraft.contracts.command.CreateEnvironment;
import dev.stagecraft.contracts.command.LockEnvironment;
import dev.stagecraft.contracts.command.Promote;
import dev.stagecraft.contracts.command.RegisterApplication;
import dev.stagecraft.contracts.command.RestoreEnvironment;
import dev.stagecraft.contracts.command.Rollback;
import dev.stagecraft.contracts.command.UnlockEnvironment;
import dev.stagecraft.contracts.command.UpdateEnvironment;
import org.jspecify.annotations.Nullable;

/**
 * What a command is about, as far as its names are valid: events carry only valid names, so an invalid
 * one is left out rather than repeated.
 */
public record Subject(@Nullable String app, @Nullable String environment) {

    public static Subject of(Command command) {
        Subject named = switch (command) {
            case RegisterApplication c -> new Subject(c.name(), null);
            case CreateEnvironment c -> new Subject(c.app(), c.environment());
            case UpdateEnvironment c -> new Subject(c.app(), c.environment());
            case ArchiveEnvironment c -> new Subject(c.app(), c.environment());
            case RestoreEnvironment c -> new Subject(c.app(), c.environment());
            case CleanupEnvironment c -> new Subject(c.app(), c.environment());
            case Rollback c -> new Subject(c.app(), c.environment());
            case LockEnvironment c -> new Subject(c.app(), c.environment());
            case UnlockEnvironment c -> new Subject(c.app(), c.environment());
            case Promote c -> new Subject(c.app(), null);
            default -> new Subject(null, null);
        };
        return named.validOnly();
    }

    public static Subject of(@Nullable String app, @Nullable String environment) {
        return new Subject(app, environment).validOnly();
    }

    /** The actor for an event: who sent the command, or {@code unknown} if it did not say. */
    public static String actorOrUnknown(@Nullable String actor) {
        return actor == null || actor.isBlank() ? "unknown" : actor;
    }

    private Subject validOnly() {
        String validApp = CommandValidator.isName(app) ? app : null;
        return new Subject(validApp, validApp != null && CommandValidator.isName(environment) ? environment : null);
    }
}
