package dev.stagecraft.query.access;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A caller as command-service described it: a name and the roles it holds, each for one application or (app null)
 * for all. Every role includes viewing, so any role on an application lets its holder read that application.
 */
record Reader(String name, List<Grant> grants) {

    record Grant(String role, @Nullable String app) {}

    Reader {
        grants = List.copyOf(grants);
    }

    /** True if the reader may read {@code app}, or (app null) read at all. */
    boolean mayRead(@Nullable String app) {
        return grants.stream()
                .anyMatch(grant ->
                        app == null || grant.app() == null || grant.app().equals(app));
    }
}
