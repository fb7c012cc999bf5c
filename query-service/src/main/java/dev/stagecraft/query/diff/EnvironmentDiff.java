package dev.stagecraft.query.diff;

import dev.stagecraft.query.diff.git.CommitView;
import java.util.List;
import java.util.SortedMap;
import org.jspecify.annotations.Nullable;

/**
 * What differs between two environments of an application, seen from a promotion of {@code from} into {@code to}.
 *
 * @param inSync true if {@code to} is level with {@code from}: same version and commit, same public overrides, every
 *     secret unchanged
 * @param overrides what would change in {@code to}'s public overrides if it took {@code from}'s
 * @param secrets secret key → {@code added}, {@code removed}, {@code changed}, {@code unchanged} or {@code unknown}
 * @param repository the application's repository (credentials hidden), or null
 * @param commits {@code to..from}: what {@code from} has that {@code to} lacks, newest first
 * @param divergentCommits {@code from..to}: what {@code to} has that {@code from} lacks (empty unless they diverged)
 * @param commitsTruncated true if a commit list was cut at {@code stagecraft.query.git.max-commits}
 * @param commitsError why the commits could not be listed, or null
 * @param command the request that would bring {@code to} level with {@code from}, or null if it is
 */
public record EnvironmentDiff(
        String app,
        DiffSide from,
        DiffSide to,
        boolean inSync,
        OverrideChanges overrides,
        SortedMap<String, String> secrets,
        @Nullable String repository,
        List<CommitView> commits,
        List<CommitView> divergentCommits,
        boolean commitsTruncated,
        @Nullable String commitsError,
        @Nullable CatchUpCommand command) {}
