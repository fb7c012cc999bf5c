package dev.stagecraft.query.environment;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Where a page of the environment list starts: the list-order key {@code (app, stage index, name)} of the last
 * environment of the previous page. Sent to clients as an opaque token (base64url, no padding) so that the key can
 * change without breaking them; a token is only ever read back, never built by a client.
 *
 * @param app the application of the last environment listed
 * @param stageIndex its pipeline position, {@link #AD_HOC} for an ad-hoc environment (listed after the stages)
 * @param name its name
 */
public record EnvironmentCursor(String app, int stageIndex, String name) {

    /** The stage index ad-hoc environments sort under: after every pipeline stage. */
    public static final int AD_HOC = Integer.MAX_VALUE;

    private static final char SEPARATOR = '\n';
    private static final String VERSION = "1";

    /** The opaque token for this position. */
    public String token() {
        String key = VERSION + SEPARATOR + app + SEPARATOR + stageIndex + SEPARATOR + name;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    /** The position a token stands for; empty if it is not a token this service made. */
    public static Optional<EnvironmentCursor> parse(String token) {
        try {
            String key = new String(Base64.getUrlDecoder().decode(token.strip()), StandardCharsets.UTF_8);
            String[] parts = key.split(String.valueOf(SEPARATOR), 4);
            if (parts.length != 4 || !parts[0].equals(VERSION) || parts[1].isEmpty() || parts[3].isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new EnvironmentCursor(parts[1], Integer.parseInt(parts[2]), parts[3]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
