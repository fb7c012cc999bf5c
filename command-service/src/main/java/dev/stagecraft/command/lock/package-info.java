/**
 * Environment locks: {@code environment.lock} and {@code environment.unlock}, and the guard every command that
 * deploys to or changes an environment passes through ({@link LockGuard}): while an environment is locked, only
 * its holder may change it.
 */
@NullMarked
package dev.stagecraft.command.lock;

import org.jspecify.annotations.NullMarked;
