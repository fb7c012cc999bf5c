/** Slack notifications: one message per deployment, posted on its first event and updated in place as it progresses. */
@NullMarked
package dev.stagecraft.notifier.slack;

import org.jspecify.annotations.NullMarked;
