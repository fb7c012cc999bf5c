package dev.stagecraft.command.slack;

/** Writing Slack mrkdwn safely: its three control characters escaped, text kept within a section's limit. */
final class Mrkdwn {

    /** Slack's limit of a section's text is 3000 characters; stay below it. */
    static final int MAX_TEXT = 2900;

    private Mrkdwn() {}

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Text for inside `backticks`: escaped, backticks replaced. */
    static String code(String text) {
        return escape(text.replace('`', '\''));
    }

    static String truncate(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }
}
