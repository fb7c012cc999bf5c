/**
 * Applications: registration (an upsert of the spec, pipeline included, secret defaults sealed), lookup, and
 * the layering of an environment's configuration on the application's defaults.
 */
@NullMarked
package dev.stagecraft.command.application;

import org.jspecify.annotations.NullMarked;
