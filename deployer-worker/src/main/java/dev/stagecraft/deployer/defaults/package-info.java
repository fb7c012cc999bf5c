/**
 * Driver defaults: the configuration the worker gives every environment of a driver, beneath what its job
 * carries (driver defaults &lt; application defaults &lt; environment overrides), public or secret.
 */
@NullMarked
package dev.stagecraft.deployer.defaults;

import org.jspecify.annotations.NullMarked;
