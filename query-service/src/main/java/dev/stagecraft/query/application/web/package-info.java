/** REST adapter. */
@NullMarked
package dev.stagecraft.query.application.web;

import org.jspecify.annotations.NullMarked;
