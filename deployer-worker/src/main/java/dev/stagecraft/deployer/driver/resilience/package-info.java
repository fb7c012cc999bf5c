/**
 * Every call of the worker to a target goes through Resilience4j: transient failures
 * ({@link dev.stagecraft.deployer.driver.TargetUnavailableException}) are retried with backoff, a circuit breaker
 * per target cluster stops calling a cluster that is down (deployments wait for it instead of failing), and each
 * call has a time limit. {@link dev.stagecraft.deployer.driver.Drivers} hands out drivers decorated by
 * {@link dev.stagecraft.deployer.driver.resilience.DriverResilience}.
 */
@NullMarked
package dev.stagecraft.deployer.driver.resilience;

import org.jspecify.annotations.NullMarked;
