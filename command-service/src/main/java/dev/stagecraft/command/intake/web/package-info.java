/**
 * The REST channel of commands under {@code /api/v1}: each request becomes the same command record an
 * AMQP client would send, handed to the one command handler; answers are {@code 202 Accepted} or RFC 9457
 * problems.
 */
@NullMarked
package dev.stagecraft.command.intake.web;

import org.jspecify.annotations.NullMarked;
