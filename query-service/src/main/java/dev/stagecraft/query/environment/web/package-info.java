/** REST adapter. */
@NullMarked
package dev.stagecraft.query.environment.web;

import org.jspecify.annotations.NullMarked;
