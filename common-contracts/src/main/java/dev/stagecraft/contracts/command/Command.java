package dev.stagecraft.contracts.command;

import dev.stagecraft.contracts.CommandId;

/**
 * A request from a person or a system, published on {@code stagecraft.commands} with its type as
 * routing key. {@link #commandId()} is the idempotency key: a repeated id is answered with the first
 * outcome and causes nothing new.
 */
public sealed interface Command
        permits RegisterApplication,
                CreateEnvironment,
                UpdateEnvironment,
                ArchiveEnvironment,
                RestoreEnvironment,
                CleanupEnvironment,
                Promote,
                Rollback,
                ApproveDeployment,
                RejectDeployment,
                CancelDeployment,
                LockEnvironment,
                UnlockEnvironment {

    CommandId commandId();

    /** Who asks: a user name, a Slack user, a system. */
    String actor();
}
