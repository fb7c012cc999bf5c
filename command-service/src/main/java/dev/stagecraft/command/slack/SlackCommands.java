package dev.stagecraft.command.slack;

import dev.stagecraft.command.access.Caller;
import dev.stagecraft.command.access.SlackIdentities;
import dev.stagecraft.command.application.Applications;
import dev.stagecraft.command.intake.CommandHandler;
import dev.stagecraft.command.intake.Outcome;
import dev.stagecraft.command.intake.Submission;
import dev.stagecraft.contracts.command.Stage;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import tools.jackson.databind.JsonNode;

/**
 * What Stagecraft does with a verified slash command: answers at once (Slack waits 3 seconds) with an
 * ephemeral acknowledgement, and does the work on a background executor, whose result goes to the channel
 * through the request's {@code response_url}. Commands go through the {@link CommandHandler} as the Stagecraft
 * user the Slack user is mapped to; unmapped Slack users may only ask (list, diff, help).
 */
class SlackCommands {

    static final String CHANNEL = "slack";
    private static final Logger log = LoggerFactory.getLogger(SlackCommands.class);

    private final SlashCommandParser parser;
    private final CommandHandler handler;
    private final ObjectProvider<SlackIdentities> identities;
    private final Applications applications;
    private final QueryService query;
    private final ResponseUrls responses;
    private final ExecutorService background;
    private final OutcomeReplies outcomes;
    private final QueryReplies answers;

    SlackCommands(
            SlackProperties properties,
            CommandHandler handler,
            ObjectProvider<SlackIdentities> identities,
            Applications applications,
            QueryService query,
            ResponseUrls responses,
            ExecutorService background) {
        this.parser = new SlashCommandParser(properties.command());
        this.handler = handler;
        this.identities = identities;
        this.applications = applications;
        this.query = query;
        this.responses = responses;
        this.background = background;
        this.outcomes = new OutcomeReplies(properties.command());
        this.answers = new QueryReplies(properties.command());
    }

    /** The immediate, ephemeral answer to {@code request}; the work it asks for continues in the background. */
    SlackReply receive(SlashCommandRequest request) {
        SlackIntent intent;
        try {
            intent = parser.parse(request.text());
        } catch (SlashCommandParser.Unusable unusable) {
            return SlackReply.ephemeral(unusable.getMessage());
        }
        if (intent instanceof SlackIntent.Help) {
            return SlackReply.ephemeral("Stagecraft moves versions through your pipelines. Usage:\n" + parser.usage());
        }
        if (!responses.usable(request.responseUrl())) {
            return SlackReply.ephemeral("Stagecraft cannot answer at this request's response_url; ask an admin to"
                    + " add its host to stagecraft.slack.response-url-hosts");
        }
        return switch (intent) {
            case SlackIntent.ListApplications list -> later(request, () -> list(list), "Looking it up…");
            case SlackIntent.Diff diff -> later(request, () -> diff(diff), "Comparing…");
            case SlackIntent.Order order -> order(request, order);
            case SlackIntent.Help help -> throw new IllegalStateException("answered above");
        };
    }

    private SlackReply order(SlashCommandRequest request, SlackIntent.Order order) {
        Optional<Caller> caller =
                Optional.ofNullable(identities.getIfAvailable()).flatMap(known -> known.callerOf(request.userId()));
        if (caller.isEmpty()) {
            log.info("refused `{}` from unmapped Slack user {}", order.describe(), request.userId());
            return SlackReply.ephemeral("Your Slack user " + request.userId() + " is not mapped to a Stagecraft user;"
                    + " ask an admin to set your slackUserId (until then you may use list, diff and help)");
        }
        Submission submission =
                Submission.of(order.toCommand(request.commandId(), caller.get().name()), CHANNEL, caller.get());
        return later(
                request,
                () -> outcome(order, submission),
                "Sending `" + Mrkdwn.code(order.describe()) + "` as "
                        + caller.get().name() + "…");
    }

    private SlackReply outcome(SlackIntent.Order order, Submission submission) {
        Outcome outcome = handler.handle(submission);
        return outcomes.of(order, submission.caller().name(), outcome, awaitsApproval(order, outcome));
    }

    /** True if an accepted promotion entered a stage that requires approval (its deployment waits for one). */
    private boolean awaitsApproval(SlackIntent.Order order, Outcome outcome) {
        if (!(order instanceof SlackIntent.PromoteOrder)
                || !outcome.isAccepted()
                || outcome.app() == null
                || outcome.environment() == null) {
            return false;
        }
        String environment = outcome.environment();
        return applications
                .find(outcome.app())
                .flatMap(app -> app.stageOf(environment))
                .map(Stage::requiresApproval)
                .orElse(false);
    }

    private SlackReply list(SlackIntent.ListApplications list) {
        if (list.app() == null) {
            return answer(query.applications(), answers::applications);
        }
        return answer(query.application(list.app()), answers::matrix);
    }

    private SlackReply diff(SlackIntent.Diff diff) {
        return answer(query.diff(diff.app(), diff.from(), diff.to()), answers::diff);
    }

    private static SlackReply answer(QueryService.Answer answer, Function<JsonNode, SlackReply> found) {
        return switch (answer) {
            case QueryService.Answer.Found f -> found.apply(f.json());
            case QueryService.Answer.Refused r -> SlackReply.ephemeral(r.sentence());
            case QueryService.Answer.Unavailable u -> SlackReply.ephemeral(u.sentence());
        };
    }

    private interface Work {
        SlackReply run();
    }

    private SlackReply later(SlashCommandRequest request, Work work, String acknowledgement) {
        String url = String.valueOf(request.responseUrl());
        try {
            background.execute(() -> responses.send(url, safely(work)));
        } catch (RejectedExecutionException e) {
            return SlackReply.ephemeral("Stagecraft is shutting down or too busy; try again in a minute");
        }
        return SlackReply.ephemeral(acknowledgement);
    }

    private static SlackReply safely(Work work) {
        try {
            return work.run();
        } catch (RuntimeException e) {
            log.error("a Slack command failed", e);
            return SlackReply.ephemeral("Stagecraft failed to carry this out ("
                    + e.getClass().getSimpleName() + "); an admin finds the details in command-service's log");
        }
    }
}
