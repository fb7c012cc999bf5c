/** The AMQP channel of commands: {@code stagecraft.commands.command-service}. */
@NullMarked
package dev.stagecraft.command.intake.messaging;

import org.jspecify.annotations.NullMarked;
