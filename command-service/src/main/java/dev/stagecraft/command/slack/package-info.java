/**
 * Slack slash commands ({@code POST /slack/commands}): requests verified with the app's signing secret, the
 * text parsed into a Stagecraft command or a question (list, diff), answered at once with an ephemeral
 * acknowledgement and then, from a background executor, in the channel through the request's
 * {@code response_url}.
 */
@NullMarked
package dev.stagecraft.command.slack;

import org.jspecify.annotations.NullMarked;
