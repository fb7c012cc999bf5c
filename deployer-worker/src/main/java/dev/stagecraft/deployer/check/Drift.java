package dev.stagecraft.deployer.check;

import dev.stagecraft.contracts.DeploymentId;

/**
 * A workload reports {@code actualVersion} while the spec its environment records, that of {@code deployment},
 * is {@code desiredVersion}. Two checks that find the same drift find one drift: it is announced once.
 */
record Drift(DeploymentId deployment, String desiredVersion, String actualVersion) {}
