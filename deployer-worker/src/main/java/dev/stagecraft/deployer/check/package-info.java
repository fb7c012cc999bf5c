/**
 * Periodic status checks of environments (DESIGN §4 RUNNING ⇄ FAILURE, §5 {@code check}): each worker claims the
 * environments due for a check, asks their driver, and records what changed; environments left pending by a
 * deployment that no longer runs are failed.
 */
@NullMarked
package dev.stagecraft.deployer.check;

import org.jspecify.annotations.NullMarked;
