package dev.stagecraft.command.slack;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.command.ApproveDeployment;
import dev.stagecraft.contracts.command.Command;
import dev.stagecraft.contracts.command.LockEnvironment;
import dev.stagecraft.contracts.command.Promote;
import dev.stagecraft.contracts.command.RejectDeployment;
import dev.stagecraft.contracts.command.Rollback;
import dev.stagecraft.contracts.command.UnlockEnvironment;
import org.jspecify.annotations.Nullable;

/** What a slash command's text asks for: help, a question answered by query-service, or a command. */
sealed interface SlackIntent {

    /** {@code help}. */
    record Help() implements SlackIntent {}

    /** {@code list [<app>]}: the applications, or one application's pipeline matrix. */
    record ListApplications(@Nullable String app) implements SlackIntent {}

    /** {@code diff <app> <from> <to>}. */
    record Diff(String app, String from, String to) implements SlackIntent {}

    /** A Stagecraft command, built once the command id and the caller's name are known. */
    sealed interface Order extends SlackIntent {

        Command toCommand(CommandId id, String actor);

        /** The command as the user wrote it, normalised, for acknowledgements. */
        String describe();
    }

    record PromoteOrder(
            String app, String version, @Nullable String to, boolean force) implements Order {
        public Command toCommand(CommandId id, String actor) {
            return new Promote(id, actor, app, version, to, force);
        }

        public String describe() {
            return "promote " + app + " " + version + (to == null ? "" : " to " + to) + (force ? " --force" : "");
        }
    }

    record RollbackOrder(
            String app, String environment, @Nullable String version) implements Order {
        public Command toCommand(CommandId id, String actor) {
            return new Rollback(id, actor, app, environment, version);
        }

        public String describe() {
            return "rollback " + app + " " + environment + (version == null ? "" : " " + version);
        }
    }

    record ApproveOrder(DeploymentId deploymentId, @Nullable String comment) implements Order {
        public Command toCommand(CommandId id, String actor) {
            return new ApproveDeployment(id, actor, deploymentId, comment);
        }

        public String describe() {
            return "approve " + deploymentId;
        }
    }

    record RejectOrder(DeploymentId deploymentId, @Nullable String comment) implements Order {
        public Command toCommand(CommandId id, String actor) {
            return new RejectDeployment(id, actor, deploymentId, comment);
        }

        public String describe() {
            return "reject " + deploymentId;
        }
    }

    record LockOrder(String app, String environment, String reason) implements Order {
        public Command toCommand(CommandId id, String actor) {
            return new LockEnvironment(id, actor, app, environment, reason);
        }

        public String describe() {
            return "lock " + app + " " + environment;
        }
    }

    record UnlockOrder(String app, String environment, boolean force) implements Order {
        public Command toCommand(CommandId id, String actor) {
            return new UnlockEnvironment(id, actor, app, environment, force);
        }

        public String describe() {
            return "unlock " + app + " " + environment + (force ? " --force" : "");
        }
    }
}
