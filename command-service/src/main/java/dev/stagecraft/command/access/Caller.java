package dev.stagecraft.command.access;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Who hands a command to the handler, as its channel established it. A REST or Slack caller is a user
 * with grants; an AMQP client, the scheduler and a verified git web hook are {@code trusted}: the broker's
 * credentials or the hook's secret already vouch for them, so they hold every role (four eyes and locks
 * still apply to the name they give).
 */
public record Caller(String name, List<Grant> grants, boolean trusted) {

    public Caller {
        grants = List.copyOf(grants);
    }

    public static Caller trusted(String name) {
        return new Caller(name, List.of(), true);
    }

    public static Caller user(String name, List<Grant> grants) {
        return new Caller(name, grants, false);
    }

    /** True if the caller may do what {@code role} allows on {@code app} (null: no particular application). */
    public boolean has(Role role, @Nullable String app) {
        return trusted || grants.stream().anyMatch(grant -> grant.covers(role, app));
    }
}
