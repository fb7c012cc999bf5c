/** The log of every applied event, for history views. */
@NullMarked
package dev.stagecraft.query.history;

import org.jspecify.annotations.NullMarked;
