/** REST adapter of the environment diff. */
@NullMarked
package dev.stagecraft.query.diff.web;

import org.jspecify.annotations.NullMarked;
