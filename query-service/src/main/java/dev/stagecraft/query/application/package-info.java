/** Applications and their pipeline matrix. */
@NullMarked
package dev.stagecraft.query.application;

import org.jspecify.annotations.NullMarked;
