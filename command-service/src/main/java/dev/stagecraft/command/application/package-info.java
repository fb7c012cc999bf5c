/** Applications: registration (an upsert of the spec, pipeline included) and lookup. */
@NullMarked
package dev.stagecraft.command.application;

import org.jspecify.annotations.NullMarked;
