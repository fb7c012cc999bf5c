/** Applies events from {@code stagecraft.events} to the read model, idempotently and in order. */
@NullMarked
package dev.stagecraft.query.projection;

import org.jspecify.annotations.NullMarked;
