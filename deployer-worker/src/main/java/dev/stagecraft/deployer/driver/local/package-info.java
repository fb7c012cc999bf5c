/** The {@code local} driver: runs an application as OS processes on the worker's machine. */
@NullMarked
package dev.stagecraft.deployer.driver.local;

import org.jspecify.annotations.NullMarked;
