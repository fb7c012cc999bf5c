package dev.stagecraft.query.diff;

import dev.stagecraft.query.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The command-service request that brings {@code to} level with {@code from}: a {@code PATCH} of {@code to} with
 * {@code from}'s version (and commit) and public overrides, and, when {@code to} is a stage that comes after the stage
 * {@code from} in the pipeline and the versions differ, the promotion that moves the version alone (the way a
 * version should travel along the pipeline: promotion rules, approvals and locks apply). Backwards, or from an ad-hoc
 * environment, a promotion would be refused, so only the {@code PATCH} is offered. Secret values are never known here: {@code secrets} says which
 * keys to send in {@code secretOverrides}.
 *
 * @param text the request as one line, e.g. {@code PATCH /api/v1/applications/shop/environments/prod {"version":"1.9.0"}}
 * @param promotion {@code POST /api/v1/applications/{app}/promotions} when {@code to} comes after {@code from} in the
 *     pipeline and the versions differ, or null
 * @param secrets a sentence about the secrets to send, or null if they are all unchanged
 */
public record CatchUpCommand(
        String method,
        String path,
        Map<String, Object> body,
        String text,
        @Nullable Request promotion,
        @Nullable String secrets) {

    /** A request to command-service. */
    public record Request(String method, String path, Map<String, Object> body, String text) {

        static Request of(String method, String path, Map<String, Object> body) {
            return new Request(method, path, body, method + " " + path + " " + Json.write(body));
        }
    }

    /** The command, or null if nothing differs. */
    static @Nullable CatchUpCommand of(
            String app,
            EnvironmentState from,
            EnvironmentState to,
            boolean toFollowsFrom,
            OverrideChanges overrides,
            SortedMap<String, String> secrets) {
        Map<String, Object> body = new LinkedHashMap<>();
        String version = from.comparedVersion();
        boolean versionDiffers = version != null
                && (!version.equals(to.comparedVersion()) || !Objects.equals(from.desiredCommit(), to.desiredCommit()));
        if (versionDiffers) {
            body.put("version", version);
            if (from.desiredCommit() != null) {
                body.put("commit", from.desiredCommit());
            }
        }
        if (!overrides.isEmpty()) {
            body.put("overrides", new TreeMap<>(from.overrides()));
        }
        String secretsNote = secretsNote(from.name(), to.name(), secrets);
        if (body.isEmpty() && secretsNote == null) {
            return null;
        }
        Request update = Request.of("PATCH", "/api/v1/applications/" + app + "/environments/" + to.name(), body);
        Request promotion = versionDiffers && toFollowsFrom
                ? Request.of("POST", "/api/v1/applications/" + app + "/promotions", promotionBody(version, to))
                : null;
        return new CatchUpCommand(update.method(), update.path(), body, update.text(), promotion, secretsNote);
    }

    private static Map<String, Object> promotionBody(String version, EnvironmentState to) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", version);
        body.put("to", to.name());
        return body;
    }

    private static @Nullable String secretsNote(String from, String to, SortedMap<String, String> secrets) {
        List<String> differing = secrets.entrySet().stream()
                .filter(e -> !e.getValue().equals(SecretComparison.State.UNCHANGED.label()))
                .map(e -> e.getKey() + " (" + e.getValue() + ")")
                .toList();
        if (differing.isEmpty()) {
            return null;
        }
        List<String> fromKeys = secrets.entrySet().stream()
                .filter(e -> !e.getValue().equals(SecretComparison.State.REMOVED.label()))
                .map(Map.Entry::getKey)
                .toList();
        if (fromKeys.isEmpty()) {
            return "secrets differ: " + String.join(", ", differing) + "; add \"secretOverrides\":{} to remove them"
                    + " from " + to;
        }
        return "secrets differ: " + String.join(", ", differing) + "; query-service never sees secret values, so add "
                + "\"secretOverrides\" with the values " + from + " has for " + String.join(", ", fromKeys)
                + " (it replaces all secret overrides of " + to + ")";
    }
}
