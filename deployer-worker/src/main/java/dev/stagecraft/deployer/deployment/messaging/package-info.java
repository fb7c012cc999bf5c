/** AMQP adapter: the listener of {@code stagecraft.jobs.deployer-worker}. */
@NullMarked
package dev.stagecraft.deployer.deployment.messaging;

import org.jspecify.annotations.NullMarked;
