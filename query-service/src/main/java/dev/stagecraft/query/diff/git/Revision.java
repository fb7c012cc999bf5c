package dev.stagecraft.query.diff.git;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What identifies an environment's code in git: its spec's commit if known; else its version as a tag
 * ({@code refs/tags/<version>}, then {@code refs/tags/v<version>}), or as a commit id if it looks like one.
 *
 * @param environment the environment's name, for the sentences
 */
public record Revision(
        String environment,
        @Nullable String commit,
        @Nullable String version) {

    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{7,64}");

    /** The names to resolve, in the order they are tried. */
    List<String> candidates() {
        if (commit != null) {
            return List.of(commit);
        }
        List<String> candidates = new ArrayList<>();
        if (version != null) {
            candidates.add("refs/tags/" + version);
            candidates.add("refs/tags/v" + version);
            if (HEX.matcher(version).matches()) {
                candidates.add(version);
            }
        }
        return candidates;
    }

    /** What was looked for, for a sentence saying it was not found. */
    String describe() {
        if (commit != null) {
            return "commit " + commit + " of environment " + environment;
        }
        if (version == null) {
            return "environment " + environment + ", which has neither a commit nor a version,";
        }
        return "version " + version + " of environment " + environment + " (tag " + version + " or v" + version
                + "; the environment names no commit)";
    }
}
