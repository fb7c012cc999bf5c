package dev.stagecraft.command.webhook;

import dev.stagecraft.contracts.MessageCodec;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The fields of a GitHub push payload Stagecraft uses: {@code ref}, {@code after}, {@code deleted},
 * {@code repository.{full_name, clone_url, html_url, ssh_url, git_url}}, {@code pusher.name} and
 * {@code head_commit.message}.
 *
 * @param repositories the repository's names, normalised (see {@link #normalise})
 */
record Push(
        String ref,
        @Nullable String after,
        boolean deleted,
        Set<String> repositories,
        String pusher,
        @Nullable String headMessage) {

    static final String BRANCH_PREFIX = "refs/heads/";

    /** Thrown for a body that is not a push payload; the message says what is missing. */
    static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    static Push read(byte[] body) {
        JsonNode root;
        try {
            root = MessageCodec.instance().mapper().readTree(body);
        } catch (JacksonException e) {
            throw new Unreadable("the body is not JSON; GitHub sends the push payload as application/json (set the"
                    + " web hook's content type to application/json)");
        }
        String ref = text(root, "ref");
        JsonNode repository = root.get("repository");
        if (ref == null || repository == null || !repository.isObject()) {
            throw new Unreadable("the body is not a GitHub push payload: it needs ref and repository");
        }
        Set<String> names = new LinkedHashSet<>();
        Stream.of("clone_url", "html_url", "ssh_url", "git_url", "full_name", "url")
                .map(field -> text(repository, field))
                .filter(value -> value != null && !value.isBlank())
                .map(Push::normalise)
                .forEach(names::add);
        JsonNode pusher = root.get("pusher");
        String pusherName = pusher == null ? null : text(pusher, "name");
        JsonNode head = root.get("head_commit");
        return new Push(
                ref,
                text(root, "after"),
                root.has("deleted") && root.get("deleted").asBoolean(),
                names,
                pusherName == null || pusherName.isBlank() ? "unknown" : pusherName,
                head == null ? null : text(head, "message"));
    }

    /** A repository URL or name as compared: trimmed, lower-case, without a trailing slash or {@code .git}. */
    static String normalise(String repository) {
        String name = repository.trim().toLowerCase(Locale.ROOT);
        while (name.endsWith("/")) {
            name = name.substring(0, name.length() - 1);
        }
        return name.endsWith(".git") ? name.substring(0, name.length() - 4) : name;
    }

    /** The pushed branch, or null if a tag (or anything else) was pushed. */
    @Nullable
    String branch() {
        return ref.startsWith(BRANCH_PREFIX) ? ref.substring(BRANCH_PREFIX.length()) : null;
    }

    boolean names(String repository) {
        return repositories.contains(normalise(repository));
    }

    String actor() {
        return "git:" + pusher;
    }

    /** The first line of the head commit's message, if any. */
    @Nullable
    String headline() {
        if (headMessage == null || headMessage.isBlank()) {
            return null;
        }
        String line = headMessage.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) : line;
    }

    private static @Nullable String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.stringValue() : null;
    }
}
