/** REST adapter. */
@NullMarked
package dev.stagecraft.query.history.web;

import org.jspecify.annotations.NullMarked;
