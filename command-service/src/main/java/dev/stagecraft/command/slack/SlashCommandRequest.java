package dev.stagecraft.command.slack;

import dev.stagecraft.contracts.CommandId;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The fields of a slash command request that Stagecraft uses, read from the form-encoded body Slack sends
 * ({@code token, team_id, team_domain, channel_id, channel_name, user_id, user_name, command, text,
 * response_url, trigger_id, …}); the deprecated verification {@code token} is ignored (the signature verifies).
 */
record SlashCommandRequest(
        @Nullable String teamId,
        @Nullable String channelId,
        String userId,
        @Nullable String userName,
        @Nullable String command,
        String text,
        @Nullable String responseUrl,
        @Nullable String triggerId,
        boolean sslCheck) {

    static SlashCommandRequest of(byte[] body) {
        Map<String, String> form = form(new String(body, StandardCharsets.UTF_8));
        return new SlashCommandRequest(
                form.get("team_id"),
                form.get("channel_id"),
                form.getOrDefault("user_id", ""),
                form.get("user_name"),
                form.get("command"),
                form.getOrDefault("text", ""),
                form.get("response_url"),
                form.get("trigger_id"),
                "1".equals(form.get("ssl_check")));
    }

    /**
     * The id of the command this request causes: derived from Slack's {@code trigger_id}, unique per
     * invocation, so a request handled twice is one command (the handler answers the repeat with the first
     * outcome).
     */
    CommandId commandId() {
        if (triggerId == null || triggerId.isBlank()) {
            return CommandId.random();
        }
        return new CommandId(
                UUID.nameUUIDFromBytes(("slack:" + teamId + ":" + triggerId).getBytes(StandardCharsets.UTF_8)));
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            form.putIfAbsent(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return form;
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }
}
