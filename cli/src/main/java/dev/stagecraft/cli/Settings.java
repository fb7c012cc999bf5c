package dev.stagecraft.cli;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * Where the services are and which token to send. Each value comes from the first of: a command-line flag, an
 * environment variable, the config file ({@code key = value} lines), a default. The token has one more source
 * after the config file: {@code .bootstrap/admin.token} in the working directory or one of its parents, which
 * {@code ./bootstrap/up} writes.
 */
record Settings(
        String commandUrl,
        String queryUrl,
        String notifierUrl,
        @Nullable String token,
        String tokenSource) {

    static final String DEFAULT_COMMAND_URL = "http://127.0.0.1:8080";
    static final String DEFAULT_QUERY_URL = "http://127.0.0.1:8081";
    static final String DEFAULT_NOTIFIER_URL = "http://127.0.0.1:8082";

    /** What the command line said; {@code null} where it said nothing. */
    record Flags(
            @Nullable String commandUrl,
            @Nullable String queryUrl,
            @Nullable String notifierUrl,
            @Nullable String token,
            @Nullable Path config) {}

    static Settings resolve(Flags flags, Map<String, String> env, Path home, Path workingDirectory) {
        Path configFile = configFile(flags, env, home);
        Properties file = read(configFile, flags.config() != null || env.containsKey("STAGECRAFT_CONFIG"));
        String commandUrl = url(
                first(flags.commandUrl(), env.get("STAGECRAFT_COMMAND_URL"), file.getProperty("command-url")),
                DEFAULT_COMMAND_URL,
                "command-url");
        String queryUrl = url(
                first(flags.queryUrl(), env.get("STAGECRAFT_QUERY_URL"), file.getProperty("query-url")),
                DEFAULT_QUERY_URL,
                "query-url");
        String notifierUrl = url(
                first(flags.notifierUrl(), env.get("STAGECRAFT_NOTIFIER_URL"), file.getProperty("notifier-url")),
                DEFAULT_NOTIFIER_URL,
                "notifier-url");
        if (blank(flags.token())) {
            if (!blank(env.get("STAGECRAFT_TOKEN"))) {
                return new Settings(
                        commandUrl,
                        queryUrl,
                        notifierUrl,
                        env.get("STAGECRAFT_TOKEN").strip(),
                        "STAGECRAFT_TOKEN");
            }
            if (!blank(file.getProperty("token"))) {
                return new Settings(
                        commandUrl,
                        queryUrl,
                        notifierUrl,
                        file.getProperty("token").strip(),
                        configFile.toString());
            }
            Path bootstrapToken = bootstrapToken(workingDirectory);
            String token = bootstrapToken == null ? null : readToken(bootstrapToken);
            return new Settings(
                    commandUrl,
                    queryUrl,
                    notifierUrl,
                    token,
                    bootstrapToken == null ? "none" : bootstrapToken.toString());
        }
        return new Settings(commandUrl, queryUrl, notifierUrl, flags.token().strip(), "--token");
    }

    /** The token, or a failure that says every way to give one. */
    String requireToken() {
        if (token == null) {
            throw new Failure(
                    ExitCode.AUTH,
                    "no API token: pass --token, set STAGECRAFT_TOKEN, or put token=… in ~/.config/stagecraft/config"
                            + " (./bootstrap/up keeps the admin's token in .bootstrap/admin.token)");
        }
        return token;
    }

    /** The notifier's address as a WebSocket address ({@code http} → {@code ws}, {@code https} → {@code wss}). */
    String notifierWebSocketUrl() {
        if (notifierUrl.startsWith("https://")) {
            return "wss://" + notifierUrl.substring("https://".length());
        }
        if (notifierUrl.startsWith("http://")) {
            return "ws://" + notifierUrl.substring("http://".length());
        }
        return notifierUrl;
    }

    static Path configFile(Flags flags, Map<String, String> env, Path home) {
        if (flags.config() != null) {
            return flags.config();
        }
        if (!blank(env.get("STAGECRAFT_CONFIG"))) {
            return Path.of(env.get("STAGECRAFT_CONFIG"));
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = blank(xdg) ? home.resolve(".config") : Path.of(xdg);
        return base.resolve("stagecraft").resolve("config");
    }

    private static Properties read(Path file, boolean named) {
        Properties properties = new Properties();
        if (!Files.exists(file)) {
            if (named) {
                throw Failure.usage("config file " + file + " does not exist; create it or leave --config out");
            }
            return properties;
        }
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw Failure.usage("cannot read config file " + file + ": " + e.getMessage());
        }
        return properties;
    }

    private static @Nullable Path bootstrapToken(Path workingDirectory) {
        for (Path dir = workingDirectory.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(".bootstrap").resolve("admin.token");
            if (Files.isReadable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static @Nullable String readToken(Path file) {
        try {
            String token = Files.readString(file).strip();
            return token.isEmpty() ? null : token;
        } catch (IOException e) {
            return null;
        }
    }

    private static String url(@Nullable String given, String fallback, String name) {
        String value = blank(given) ? fallback : given.strip();
        while (value.endsWith("/")) {
            value = value.substring(0, value.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw Failure.usage(name + " '" + value + "' is not a URL; give one like " + fallback);
        }
        if (uri.getScheme() == null || uri.getHost() == null || !uri.getScheme().matches("https?|wss?")) {
            throw Failure.usage(name + " '" + value + "' is not an http(s) URL; give one like " + fallback);
        }
        return value;
    }

    private static @Nullable String first(@Nullable String... values) {
        for (String value : values) {
            if (!blank(value)) {
                return value;
            }
        }
        return null;
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
