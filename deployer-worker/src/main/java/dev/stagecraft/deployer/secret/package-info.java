/** Opening the sealed secret values that jobs carry. */
@NullMarked
package dev.stagecraft.deployer.secret;

import org.jspecify.annotations.NullMarked;
