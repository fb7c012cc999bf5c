/**
 * The {@code kubernetes} driver: renders the application's Helm chart with helm-java, applies it into the
 * environment's namespace with the fabric8 client and tracks the rollout as kubedog does.
 */
@NullMarked
package dev.stagecraft.deployer.driver.kubernetes;

import org.jspecify.annotations.NullMarked;
