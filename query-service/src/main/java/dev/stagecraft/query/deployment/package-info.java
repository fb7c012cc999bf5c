/** Deployments and their steps. */
@NullMarked
package dev.stagecraft.query.deployment;

import org.jspecify.annotations.NullMarked;
