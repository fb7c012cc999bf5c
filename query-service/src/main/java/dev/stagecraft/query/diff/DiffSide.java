package dev.stagecraft.query.diff;

import org.jspecify.annotations.Nullable;

/**
 * One of the two environments of a diff.
 *
 * @param desiredVersion the version its spec asks for
 * @param version the version that actually runs
 * @param commit its spec's commit, else the commit its version's tag points to; null if neither is known
 * @param ref what {@code commit} was found by: the commit id itself or {@code refs/tags/…}; null if unknown
 * @param status its status, null until deployer-worker reported one
 */
public record DiffSide(
        String environment,
        @Nullable String stage,
        @Nullable String desiredVersion,
        @Nullable String version,
        @Nullable String commit,
        @Nullable String ref,
        @Nullable String status) {}
