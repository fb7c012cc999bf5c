/** Real infrastructure for integration and end-to-end tests. */
@NullMarked
package dev.stagecraft.testsupport;

import org.jspecify.annotations.NullMarked;
