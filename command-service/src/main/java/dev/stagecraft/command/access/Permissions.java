package dev.stagecraft.command.access;

import dev.stagecraft.command.CommandRefusedException;
import dev.stagecraft.command.RejectionCode;
import dev.stagecraft.command.deployment.Deployments;
import dev.stagecraft.contracts.DeploymentId;
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
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Which role each command needs, and on which application: registering an application, forcing a promotion and
 * breaking a lock need admin; approving and rejecting need approver; everything else deployer. Commands that name a
 * deployment are about the application of that deployment. Trusted callers (AMQP, the scheduler, verified hooks)
 * pass; the rejection of anyone else names what they lack and what they hold.
 */
@Component
public class Permissions {

    /** What a command needs: a role on an application (null: the application is unknown) to do something. */
    record Needed(Role role, @Nullable String app, String doing) {}

    private final Function<DeploymentId, Optional<String>> appOfDeployment;

    @Autowired
    public Permissions(Deployments deployments) {
        this(id -> deployments.find(id).map(Deployments.Known::app));
    }

    Permissions(Function<DeploymentId, Optional<String>> appOfDeployment) {
        this.appOfDeployment = appOfDeployment;
    }

    /** Refuses the command with {@link RejectionCode#FORBIDDEN} unless the caller may send it. */
    public void check(Caller caller, Command command) {
        if (caller.trusted()) {
            return;
        }
        Needed needed = needed(command);
        if (!caller.has(needed.role(), needed.app())) {
            throw new CommandRefusedException(RejectionCode.FORBIDDEN, refusal(caller, needed));
        }
    }

    Needed needed(Command command) {
        return switch (command) {
            case RegisterApplication c -> new Needed(Role.ADMIN, c.name(), "register applications");
            case CreateEnvironment c -> new Needed(Role.DEPLOYER, c.app(), "create environments");
            case UpdateEnvironment c -> new Needed(Role.DEPLOYER, c.app(), "update environments");
            case ArchiveEnvironment c -> new Needed(Role.DEPLOYER, c.app(), "archive environments");
            case RestoreEnvironment c -> new Needed(Role.DEPLOYER, c.app(), "restore environments");
            case CleanupEnvironment c -> new Needed(Role.DEPLOYER, c.app(), "clean up environments");
            case Promote c ->
                c.force()
                        ? new Needed(Role.ADMIN, c.app(), "force a promotion")
                        : new Needed(Role.DEPLOYER, c.app(), "promote");
            case Rollback c -> new Needed(Role.DEPLOYER, c.app(), "roll back");
            case LockEnvironment c -> new Needed(Role.DEPLOYER, c.app(), "lock environments");
            case UnlockEnvironment c ->
                c.force()
                        ? new Needed(Role.ADMIN, c.app(), "break another's lock")
                        : new Needed(Role.DEPLOYER, c.app(), "unlock environments");
            case ApproveDeployment c -> new Needed(Role.APPROVER, appOf(c.deploymentId()), "approve deployments");
            case RejectDeployment c -> new Needed(Role.APPROVER, appOf(c.deploymentId()), "reject deployments");
            case CancelDeployment c -> new Needed(Role.DEPLOYER, appOf(c.deploymentId()), "cancel deployments");
        };
    }

    /**
     * {@code bob may not promote in shop: that needs the deployer role, bob has viewer; an admin can grant it with
     * PUT /api/v1/users/bob}.
     */
    static String refusal(Caller caller, Needed needed) {
        String where = needed.app() == null ? "" : " in " + needed.app();
        return caller.name() + " may not " + needed.doing() + where + ": that needs the "
                + needed.role().wireName()
                + " role" + (needed.app() == null ? " for all applications" : "") + ", " + caller.name() + " has "
                + holding(caller, needed.app()) + "; an admin can grant it with PUT /api/v1/users/" + caller.name();
    }

    /** The highest role the caller holds on {@code app} ({@code viewer}), or {@code no role in shop}. */
    public static String holding(Caller caller, @Nullable String app) {
        return caller.grants().stream()
                .filter(grant -> grant.app() == null || grant.app().equals(app))
                .map(Grant::role)
                .max(Comparator.naturalOrder())
                .map(Role::wireName)
                .orElse(app == null ? "no role for all applications" : "no role in " + app);
    }

    private @Nullable String appOf(@Nullable DeploymentId id) {
        return id == null ? null : appOfDeployment.apply(id).orElse(null);
    }
}
