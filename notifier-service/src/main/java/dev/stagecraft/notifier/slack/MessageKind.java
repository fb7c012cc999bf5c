package dev.stagecraft.notifier.slack;

/** Which of a deployment's Slack messages: its progress, or the request to approve it. */
enum MessageKind {
    DEPLOYMENT("deployment"),
    APPROVAL("approval");

    private final String column;

    MessageKind(String column) {
        this.column = column;
    }

    /** The value of {@code slack_message.kind}. */
    String column() {
        return column;
    }

    static MessageKind ofColumn(String column) {
        for (MessageKind kind : values()) {
            if (kind.column.equals(column)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown slack_message.kind " + column);
    }
}
