package dev.stagecraft.query.command;

import static dev.stagecraft.query.Sql.timestamp;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.event.CommandAccepted;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Remembers {@code command.accepted}: the command's type, the deployment it caused and the channel it came
 * through. A deployment view joins it when read, so it does not matter whether the command's acceptance or
 * the deployment's first event arrives first. An acceptance without command id names nothing to join on and
 * is kept in the history only.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
public class AcceptedCommands {

    private final JdbcClient jdbc;

    AcceptedCommands(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void on(CommandAccepted event) {
        CommandId commandId = event.commandId();
        DeploymentId deploymentId = event.deploymentId();
        if (commandId == null) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO accepted_commands (command_id, command_type, deployment_id, channel, actor, app,
                                                       environment, accepted_at)
                        VALUES (:commandId, :type, :deploymentId, :channel, :actor, :app, :env, :at)
                        ON CONFLICT (command_id) DO UPDATE
                           SET deployment_id = COALESCE(accepted_commands.deployment_id, EXCLUDED.deployment_id),
                               channel = COALESCE(accepted_commands.channel, EXCLUDED.channel)""")
                .param("commandId", commandId.id())
                .param("type", event.commandType())
                .param("deploymentId", deploymentId == null ? null : deploymentId.id())
                .param("channel", event.channel())
                .param("actor", event.actor())
                .param("app", event.app())
                .param("env", event.environment())
                .param("at", timestamp(event.occurredAt()))
                .update();
    }
}
