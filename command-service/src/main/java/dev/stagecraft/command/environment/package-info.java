/**
 * Environments: their desired specs and revisions, the decisions of {@code environment.create} and
 * {@code environment.update} (a deployment job each) and of the deployments of a version that promotions,
 * approvals and rollbacks settle on ({@code VersionChange}), secret sealing, and the status command-service
 * believes each environment has.
 */
@NullMarked
package dev.stagecraft.command.environment;

import org.jspecify.annotations.NullMarked;
