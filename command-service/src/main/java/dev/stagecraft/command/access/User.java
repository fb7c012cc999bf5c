package dev.stagecraft.command.access;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A Stagecraft user: a name, the roles granted to it, and the Slack user it is, if any. */
public record User(
        String name, List<Grant> grants, @Nullable String slackUserId, boolean hasPassword, Instant createdAt) {

    public User {
        grants = List.copyOf(grants);
    }

    /** The caller this user is when it sends a command. */
    public Caller caller() {
        return Caller.user(name, grants);
    }
}
