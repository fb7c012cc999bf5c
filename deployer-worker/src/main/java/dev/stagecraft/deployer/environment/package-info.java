/** Runtime state of environments: the status machine of DESIGN §4 and its persistence. */
@NullMarked
package dev.stagecraft.deployer.environment;

import org.jspecify.annotations.NullMarked;
