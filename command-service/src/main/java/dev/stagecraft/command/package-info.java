/**
 * command-service: takes commands over REST and AMQP, validates them, decides, and publishes jobs and
 * events through the outbox.
 */
@NullMarked
package dev.stagecraft.command;

import org.jspecify.annotations.NullMarked;
