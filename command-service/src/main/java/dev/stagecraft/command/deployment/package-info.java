/**
 * Deployments command-service started and how far each got (from the worker's deployment events), and the
 * decision of {@code deployment.cancel}.
 */
@NullMarked
package dev.stagecraft.command.deployment;

import org.jspecify.annotations.NullMarked;
