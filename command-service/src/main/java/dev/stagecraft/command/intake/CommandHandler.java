package dev.stagecraft.command.intake;

import dev.stagecraft.command.CommandEvents;
import dev.stagecraft.command.CommandRefusedException;
import dev.stagecraft.command.Decision;
import dev.stagecraft.command.Problem;
import dev.stagecraft.command.RejectionCode;
import dev.stagecraft.command.access.Permissions;
import dev.stagecraft.command.application.ApplicationRegistration;
import dev.stagecraft.command.deployment.DeploymentDecisions;
import dev.stagecraft.command.environment.EnvironmentDecisions;
import dev.stagecraft.command.lock.LockDecisions;
import dev.stagecraft.command.promotion.PipelineCommands;
import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.MessageTypes;
import dev.stagecraft.contracts.command.ApproveDeployment;
import dev.stagecraft.contracts.command.ArchiveEnvironment;
import dev.stagecraft.contracts.command.CancelDeployment;
import dev.stagecraft.contracts.command.CleanupEnvironment;
import dev.stagecraft.contracts.command.Command;
import dev.stagecraft.contracts.command.CreateEnvironment;
import dev.stagecraft.contracts.command.LockEnvironment;
import dev.stagecraft.contracts.command.Promote;
import dev.stagecraft.contracts.command.RegisterApplication;
import dev.stagecraft.contracts.command.RejectDeployment;
import dev.stagecraft.contracts.command.RestoreEnvironment;
import dev.stagecraft.contracts.command.Rollback;
import dev.stagecraft.contracts.command.UnlockEnvironment;
import dev.stagecraft.contracts.command.UpdateEnvironment;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one handler of commands, whichever channel they came through. A command id seen before is
 * answered with its first outcome and causes nothing new. Otherwise the command is validated and
 * decided; an accepted command's state change, events and job commit in one transaction. A refused
 * command's decision rolls back, and its rejection is recorded and announced in a transaction of its
 * own, so it is committed before the channel answers (or dead-letters the message).
 */
@Service
public class CommandHandler {

    private static final Logger log = LoggerFactory.getLogger(CommandHandler.class);

    private final TransactionTemplate transactions;
    private final CommandLog commandLog;
    private final CommandValidator validator;
    private final CommandEvents events;
    private final ApplicationRegistration applications;
    private final EnvironmentDecisions environments;
    private final DeploymentDecisions deployments;
    private final LockDecisions locks;
    private final PipelineCommands pipeline;
    private final Permissions permissions;
    private final Clock clock;

    CommandHandler(
            TransactionTemplate transactions,
            CommandLog commandLog,
            CommandValidator validator,
            CommandEvents events,
            ApplicationRegistration applications,
            EnvironmentDecisions environments,
            DeploymentDecisions deployments,
            LockDecisions locks,
            PipelineCommands pipeline,
            Permissions permissions,
            Clock clock) {
        this.transactions = transactions;
        this.commandLog = commandLog;
        this.validator = validator;
        this.events = events;
        this.applications = applications;
        this.environments = environments;
        this.deployments = deployments;
        this.locks = locks;
        this.pipeline = pipeline;
        this.permissions = permissions;
        this.clock = clock;
    }

    public Outcome handle(Submission submission) {
        Command command = submission.command();
        try {
            return once(command.commandId(), () -> decide(submission));
        } catch (CommandRefusedException refused) {
            return reject(rejection(submission, refused));
        }
    }

    /** Records and announces the rejection of a command that could not even be read. */
    public Outcome reject(Rejection rejection) {
        return once(rejection.commandId(), () -> {
            log.info(
                    "rejected {} {} from {} ({}): {}",
                    rejection.commandType(),
                    rejection.commandId(),
                    rejection.actor(),
                    rejection.code().code(),
                    rejection.message());
            events.rejected(
                    rejection.commandId(),
                    rejection.actor(),
                    rejection.commandType(),
                    rejection.app(),
                    rejection.environment(),
                    rejection.code(),
                    rejection.message());
            Outcome outcome = Outcome.rejected(rejection);
            commandLog.record(outcome, rejection.actor(), rejection.channel(), clock.instant());
            return outcome;
        });
    }

    /** The outcome of a command id seen before, if any. */
    public Optional<Outcome> outcomeOf(CommandId id) {
        return commandLog.find(id);
    }

    private Outcome once(CommandId id, Supplier<Outcome> firstTime) {
        return Objects.requireNonNull(transactions.execute(status -> {
            commandLog.lock(id);
            return commandLog.find(id).orElseGet(firstTime);
        }));
    }

    private Outcome decide(Submission submission) {
        Command command = submission.command();
        String type = MessageTypes.typeOf(command);
        permissions.check(submission.caller(), command);
        List<Problem> problems = validator.validate(command, submission.problems()).stream()
                .map(submission::inSenderTerms)
                .toList();
        if (!problems.isEmpty()) {
            throw new CommandRefusedException(RejectionCode.INVALID, Problem.invalidCommand(type, problems), problems);
        }
        Decision decision = dispatch(command, type);
        events.accepted(
                command.commandId(),
                command.actor(),
                type,
                decision.app(),
                decision.environment(),
                decision.deploymentId(),
                submission.channel());
        log.info("accepted {} {} from {}", type, command.commandId(), command.actor());
        Outcome outcome = Outcome.accepted(
                command.commandId(), type, decision.app(), decision.environment(), decision.deploymentId());
        commandLog.record(outcome, command.actor(), submission.channel(), clock.instant());
        return outcome;
    }

    private Decision dispatch(Command command, String type) {
        return switch (command) {
            case RegisterApplication register -> applications.register(register);
            case CreateEnvironment create -> environments.create(create);
            case UpdateEnvironment update -> environments.update(update);
            case ArchiveEnvironment archive -> environments.archive(archive);
            case RestoreEnvironment restore -> environments.restore(restore);
            case CleanupEnvironment cleanup -> environments.cleanup(cleanup);
            case CancelDeployment cancel -> deployments.cancel(cancel);
            case LockEnvironment lock -> locks.lock(lock);
            case UnlockEnvironment unlock -> locks.unlock(unlock);
            case Promote promote -> pipeline.promote(promote);
            case Rollback rollback -> pipeline.rollback(rollback);
            case ApproveDeployment approve -> pipeline.approve(approve);
            case RejectDeployment reject -> pipeline.reject(reject);
        };
    }

    private static Rejection rejection(Submission submission, CommandRefusedException refused) {
        Command command = submission.command();
        Subject subject = Subject.of(command);
        return new Rejection(
                command.commandId(),
                MessageTypes.typeOf(command),
                Subject.actorOrUnknown(command.actor()),
                submission.channel(),
                subject.app(),
                subject.environment(),
                refused.code(),
                Objects.requireNonNullElse(refused.getMessage(), refused.code().code()),
                refused.problems());
    }
}
