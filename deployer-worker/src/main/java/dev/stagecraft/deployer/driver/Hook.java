package dev.stagecraft.deployer.driver;

import java.time.Duration;

/**
 * A plan hook (pre-deploy or post-deploy, e.g. a database migration) that a driver runs against the
 * desired spec. What {@code command} means is the driver's: a shell command for {@code local}, an executable
 * in the scripts directory for {@code script}, the command of a Job for {@code kubernetes}.
 *
 * @param step the plan step the hook belongs to ({@link Steps#PRE_DEPLOY} or {@link Steps#POST_DEPLOY})
 * @param timeout how long the hook may run before it fails
 */
public record Hook(String step, String command, Duration timeout) {}
