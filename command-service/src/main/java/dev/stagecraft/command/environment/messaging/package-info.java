/** The stream of events command-service consumes: the worker's environment status reports. */
@NullMarked
package dev.stagecraft.command.environment.messaging;

import org.jspecify.annotations.NullMarked;
