package dev.stagecraft.command.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.stagecraft.command.access.Caller;
import dev.stagecraft.command.intake.CommandHandler;
import dev.stagecraft.command.intake.Outcome;
import dev.stagecraft.command.intake.Submission;
import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.command.Command;
import dev.stagecraft.contracts.command.CreateEnvironment;
import dev.stagecraft.contracts.command.UpdateEnvironment;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Turns a push into commands: for each stage it targets, {@code environment.create} of the stage's environment if
 * it does not exist yet, else {@code environment.update} of its version and commit (overrides and the rest kept).
 * Each goes through the {@link CommandHandler} on channel {@code git} as {@code git:<pusher>}, a trusted caller
 * (the signature vouches for GitHub), so the rules, locks included, apply as to anyone. The command id is derived
 * from the delivery and the environment, so handling a delivery twice decides nothing twice.
 */
@Component
class PushDeployer {

    static final String CHANNEL = "git";

    /** What was asked of one stage's environment, and its outcome. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Started(
            String app,
            String environment,
            String commandType,
            CommandId commandId,
            String status,
            @Nullable DeploymentId deploymentId,
            @Nullable String code,
            @Nullable String message) {

        static Started of(StageTargets.Target target, Outcome outcome) {
            return new Started(
                    target.app(),
                    target.environment(),
                    outcome.commandType(),
                    outcome.commandId(),
                    outcome.status().name(),
                    outcome.deploymentId(),
                    outcome.code(),
                    outcome.message());
        }
    }

    private final CommandHandler handler;
    private final GitWebhookProperties properties;

    PushDeployer(CommandHandler handler, GitWebhookProperties properties) {
        this.handler = handler;
        this.properties = properties;
    }

    List<Started> deploy(String delivery, Push push, String branch, String sha, List<StageTargets.Target> targets) {
        String version = properties.version(sha, branch);
        return targets.stream()
                .map(target -> {
                    Command command = command(delivery, push, branch, sha, version, target);
                    Outcome outcome = handler.handle(Submission.of(command, CHANNEL, Caller.trusted(push.actor())));
                    return Started.of(target, outcome);
                })
                .toList();
    }

    private static Command command(
            String delivery, Push push, String branch, String sha, String version, StageTargets.Target target) {
        CommandId id = commandId(delivery, target);
        if (target.exists()) {
            return new UpdateEnvironment(
                    id, push.actor(), target.app(), target.environment(), version, sha, null, null, null, null, null);
        }
        String headline = push.headline();
        return new CreateEnvironment(
                id,
                push.actor(),
                target.app(),
                target.environment(),
                version,
                sha,
                Map.of(),
                Map.of(),
                null,
                List.of(),
                "pushed to " + branch + (headline == null ? "" : ": " + headline));
    }

    /** The same delivery and environment always give the same command id. */
    static CommandId commandId(String delivery, StageTargets.Target target) {
        byte[] name = (delivery + "/" + target.app() + "/" + target.environment()).getBytes(StandardCharsets.UTF_8);
        return new CommandId(UUID.nameUUIDFromBytes(name));
    }
}
