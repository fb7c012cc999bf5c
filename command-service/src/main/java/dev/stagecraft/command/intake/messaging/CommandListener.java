package dev.stagecraft.command.intake.messaging;

import dev.stagecraft.command.intake.Outcome;
import dev.stagecraft.contracts.MessageTypes;
import dev.stagecraft.contracts.Topology;
import dev.stagecraft.contracts.command.Command;
import dev.stagecraft.messaging.MessagingProperties;
import dev.stagecraft.messaging.StagecraftTopology;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/**
 * Serves commands from {@code stagecraft.commands.command-service}. An accepted command is acknowledged;
 * a rejected one, whose rejection is already committed and announced, is dead-lettered to
 * {@code stagecraft.commands.command-service.dlq}. Anything else that goes wrong (e.g. the database is
 * down) returns the message to the queue, to be tried again up to the delivery limit.
 */
@Component
class CommandListener {

    private final AmqpCommands commands;

    CommandListener(AmqpCommands commands) {
        this.commands = commands;
    }

    @RabbitListener(queues = "stagecraft.commands.command-service")
    void on(Message message) {
        Outcome outcome = commands.receive(message);
        if (!outcome.isAccepted()) {
            throw new AmqpRejectAndDontRequeueException(
                    "command " + outcome.commandId() + " rejected: " + outcome.message());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Queues {

        /** The command queue with its DLQ, bound to every command type. */
        @Bean
        Declarables commandServiceCommandsQueue(MessagingProperties properties) {
            String[] commandTypes = MessageTypes.all().stream()
                    .filter(type -> MessageTypes.classOf(type)
                            .filter(Command.class::isAssignableFrom)
                            .isPresent())
                    .toArray(String[]::new);
            return StagecraftTopology.consumerQueue(
                    Topology.COMMANDS_EXCHANGE, Topology.COMMAND_SERVICE, properties.deliveryLimit(), commandTypes);
        }
    }
}
