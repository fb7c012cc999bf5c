package dev.stagecraft.command.access;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A role a user holds, for one application or (with {@code app} null) for all of them. */
public record Grant(Role role, @Nullable String app) {

    public Grant {
        Objects.requireNonNull(role, "role");
    }

    public static Grant everywhere(Role role) {
        return new Grant(role, null);
    }

    /** True if this grant allows what {@code needed} allows on {@code onApp} (null: no particular application). */
    public boolean covers(Role needed, @Nullable String onApp) {
        return role.includes(needed) && (app == null || app.equals(onApp));
    }
}
