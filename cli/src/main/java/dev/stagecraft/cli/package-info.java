/** The {@code stagecraft} command-line client: picocli commands over command-service, query-service and notifier-service. */
@NullMarked
package dev.stagecraft.cli;

import org.jspecify.annotations.NullMarked;
