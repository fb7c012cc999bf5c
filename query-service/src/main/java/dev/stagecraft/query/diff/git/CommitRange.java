package dev.stagecraft.query.diff.git;

import java.util.List;

/**
 * The commits between two environments.
 *
 * @param fromCommit the commit {@code from} resolved to
 * @param fromRef the name it was resolved from (a commit id or {@code refs/tags/…})
 * @param toCommit the commit {@code to} resolved to
 * @param toRef the name it was resolved from
 * @param ahead {@code to..from}: what {@code from} has that {@code to} lacks, newest first (what promoting brings)
 * @param behind {@code from..to}: what {@code to} has that {@code from} lacks, newest first (a divergence)
 * @param truncated true if either list was cut at {@code stagecraft.query.git.max-commits}
 */
public record CommitRange(
        String fromCommit,
        String fromRef,
        String toCommit,
        String toRef,
        List<CommitView> ahead,
        List<CommitView> behind,
        boolean truncated) {}
