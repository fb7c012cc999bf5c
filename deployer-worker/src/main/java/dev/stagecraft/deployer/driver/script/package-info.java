/**
 * The {@code script} driver: Octopod's control-script contract (DESIGN §5). Each operation calls executables of
 * the application's scripts directory with the standard arguments and reads their exit codes.
 */
@NullMarked
package dev.stagecraft.deployer.driver.script;

import org.jspecify.annotations.NullMarked;
