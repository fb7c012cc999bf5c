/** REST adapter. */
@NullMarked
package dev.stagecraft.query.deployment.web;

import org.jspecify.annotations.NullMarked;
