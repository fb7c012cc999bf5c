package dev.stagecraft.command.slack;

import com.google.gson.Gson;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.util.json.GsonFactory;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A message for Slack in the shape of a slash command response (Slack: "Responding to slash commands"):
 * {@code response_type} {@code ephemeral} (only the user sees it) or {@code in_channel}, {@code text} (the
 * fallback for notifications, and all there is without blocks) and Block Kit {@code blocks}.
 */
record SlackReply(String responseType, String text, List<LayoutBlock> blocks) {

    private static final Gson GSON = GsonFactory.createSnakeCase();

    SlackReply {
        blocks = List.copyOf(blocks);
    }

    static SlackReply ephemeral(String text) {
        return new SlackReply("ephemeral", text, List.of());
    }

    static SlackReply inChannel(String text, List<LayoutBlock> blocks) {
        return new SlackReply("in_channel", text, blocks);
    }

    /** The JSON Slack expects, serialised as the Slack SDK serialises its own Block Kit model. */
    String json() {
        return GSON.toJson(new Wire(responseType, text, blocks.isEmpty() ? null : blocks));
    }

    /** What goes over the wire: snake_case names, {@code blocks} left out when there are none. */
    private record Wire(
            String responseType, String text, @Nullable List<LayoutBlock> blocks) {}
}
