/** Deployments: taking jobs, the per-environment queue, executing plans through drivers, steps, logs and the events they cause. */
@NullMarked
package dev.stagecraft.deployer.deployment;

import org.jspecify.annotations.NullMarked;
