/** Environments: current status, versions, spec, and the per-source sequence guard. */
@NullMarked
package dev.stagecraft.query.environment;

import org.jspecify.annotations.NullMarked;
