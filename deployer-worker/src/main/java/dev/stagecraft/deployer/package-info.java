/** The deployer-worker: consumes jobs, runs at most one deployment per environment at a time through a driver, and reports progress as events. */
@NullMarked
package dev.stagecraft.deployer;

import org.jspecify.annotations.NullMarked;
