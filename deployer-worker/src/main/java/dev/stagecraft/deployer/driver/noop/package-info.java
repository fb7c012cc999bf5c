/** The {@code noop} driver: runs nothing, succeeds (after an optional delay); for tests and demos. */
@NullMarked
package dev.stagecraft.deployer.driver.noop;

import org.jspecify.annotations.NullMarked;
