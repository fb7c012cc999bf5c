/**
 * Command intake: the one handler every channel (REST, AMQP) submits commands to. It validates them,
 * answers a repeated command id with its first outcome, dispatches to the feature that decides, and
 * records and announces the outcome.
 */
@NullMarked
package dev.stagecraft.command.intake;

import org.jspecify.annotations.NullMarked;
