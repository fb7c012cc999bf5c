/** The driver SPI (DESIGN §5): a driver turns a desired spec into a running workload, idempotently. */
@NullMarked
package dev.stagecraft.deployer.driver;

import org.jspecify.annotations.NullMarked;
