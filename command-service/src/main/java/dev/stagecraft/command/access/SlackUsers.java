package dev.stagecraft.command.access;

import java.util.Optional;
import org.springframework.stereotype.Component;

/** Slack users are the Stagecraft users whose {@code slackUserId} is theirs. */
@Component
class SlackUsers implements SlackIdentities {

    private final Users users;

    SlackUsers(Users users) {
        this.users = users;
    }

    @Override
    public Optional<Caller> callerOf(String slackUserId) {
        return users.bySlackUserId(slackUserId).map(User::caller);
    }
}
