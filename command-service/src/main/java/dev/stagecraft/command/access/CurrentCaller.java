package dev.stagecraft.command.access;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The caller that authenticated the REST request being served, if any. REST code asks here rather than taking
 * a parameter, so that every controller (and {@code Submission}) picks up the authenticated user the same way.
 */
public final class CurrentCaller {

    private CurrentCaller() {}

    public static Optional<Caller> get() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof CallerAuthentication caller && caller.isAuthenticated()
                ? Optional.of(caller.caller())
                : Optional.empty();
    }
}
