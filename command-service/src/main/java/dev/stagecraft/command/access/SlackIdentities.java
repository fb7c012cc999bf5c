package dev.stagecraft.command.access;

import java.util.Optional;

/** The Stagecraft user a Slack user is mapped to (by Slack user id, e.g. {@code U012AB3CD}), if any. */
public interface SlackIdentities {

    Optional<Caller> callerOf(String slackUserId);
}
