package dev.stagecraft.query.dashboard;

/**
 * What {@code /dashboard/config.json} answers.
 *
 * @param commandUrl command-service's base URL (actions and sign-in)
 * @param eventsUrl notifier-service's WebSocket stream, without query ({@code ws://…/ws/events})
 */
record DashboardConfig(String commandUrl, String eventsUrl) {

    static final int COMMAND_PORT = 8080;
    static final int NOTIFIER_PORT = 8082;

    /** The configured URLs, or the host the browser used on the services' default ports. */
    static DashboardConfig of(DashboardProperties properties, String scheme, String host) {
        String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        String commandUrl = properties.commandUrl() != null
                ? properties.commandUrl()
                : scheme + "://" + hostPart + ":" + COMMAND_PORT;
        String notifierUrl = properties.notifierUrl() != null
                ? properties.notifierUrl()
                : scheme + "://" + hostPart + ":" + NOTIFIER_PORT;
        return new DashboardConfig(commandUrl, webSocket(notifierUrl) + "/ws/events");
    }

    private static String webSocket(String url) {
        if (url.startsWith("https://")) {
            return "wss://" + url.substring("https://".length());
        }
        if (url.startsWith("http://")) {
            return "ws://" + url.substring("http://".length());
        }
        return url;
    }
}
