/** Accepted commands, remembered for what they tell about the deployments they caused. */
@NullMarked
package dev.stagecraft.query.command;

import org.jspecify.annotations.NullMarked;
