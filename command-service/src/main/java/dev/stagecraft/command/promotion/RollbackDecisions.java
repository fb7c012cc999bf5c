package dev.stagecraft.command.promotion;

import dev.stagecraft.command.CommandRefusedException;
import dev.stagecraft.command.Decision;
import dev.stagecraft.command.application.Applications;
import dev.stagecraft.command.deployment.Deployments;
import dev.stagecraft.command.environment.EnvironmentDecisions;
import dev.stagecraft.command.environment.EnvironmentQueries;
import dev.stagecraft.command.environment.EnvironmentState;
import dev.stagecraft.command.environment.VersionChange;
import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.command.Rollback;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Decides {@code rollback}: deploys to an environment a version that ran successfully there before (its DEPLOY
 * deployment SUCCEEDED) — the named one, or else the most recent such version other than the current one —
 * keeping the environment's overrides, with the commit recorded for that version there. The version rolled
 * back from is marked bad for the environment ({@link BadVersions}); the version rolled back to loses any mark.
 * A rollback never waits for approval: it returns to a version that already ran there.
 */
@Component
class RollbackDecisions {

    private static final Logger log = LoggerFactory.getLogger(RollbackDecisions.class);

    private final Applications applications;
    private final EnvironmentDecisions environments;
    private final EnvironmentQueries queries;
    private final Deployments deployments;
    private final BadVersions badVersions;
    private final Clock clock;

    RollbackDecisions(
            Applications applications,
            EnvironmentDecisions environments,
            EnvironmentQueries queries,
            Deployments deployments,
            BadVersions badVersions,
            Clock clock) {
        this.applications = applications;
        this.environments = environments;
        this.queries = queries;
        this.deployments = deployments;
        this.badVersions = badVersions;
        this.clock = clock;
    }

    Decision rollback(Rollback command) {
        String app = applications.lockRegistered(command.app()).name();
        String name = command.environment();
        EnvironmentState current = queries.state(app, name)
                .filter(EnvironmentState::exists)
                .orElseThrow(() -> CommandRefusedException.notFound(
                        "environment " + app + "/" + name + " does not exist, so there is nothing to roll back"));
        List<String> succeeded = deployments.succeededVersions(app, name);
        String target = command.version() == null
                ? RollbackTargets.previous(current, succeeded)
                : RollbackTargets.chosen(current, command.version(), succeeded);
        DeploymentId deploymentId = DeploymentId.random();
        Decision decision = environments.deploy(new VersionChange(
                command, command.actor(), deploymentId, app, name, target, queries.commitOf(app, name, target)));
        badVersions.mark(
                app, name, current.version(), command.actor(), clock.instant(), command.commandId(), deploymentId);
        badVersions.clear(app, name, target);
        log.info(
                "{} rolls {}/{} back from {} to {}: {} is marked bad for {} (auto-promotion will not bring it back)",
                command.actor(),
                app,
                name,
                current.version(),
                target,
                current.version(),
                name);
        return decision;
    }
}
