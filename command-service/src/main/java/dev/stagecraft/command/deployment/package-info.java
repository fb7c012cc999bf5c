/**
 * Deployments command-service started or holds for approval and how far each got (from the worker's deployment
 * events and the approvals' answers), and the decision of {@code deployment.cancel} (of a queued deployment, or
 * the withdrawal of one awaiting approval).
 */
@NullMarked
package dev.stagecraft.command.deployment;

import org.jspecify.annotations.NullMarked;
