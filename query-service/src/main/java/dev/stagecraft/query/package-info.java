/** query-service: the read model of Stagecraft, built only from events, served over REST. */
@NullMarked
package dev.stagecraft.query;

import org.jspecify.annotations.NullMarked;
