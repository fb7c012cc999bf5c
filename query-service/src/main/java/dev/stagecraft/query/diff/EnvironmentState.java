package dev.stagecraft.query.diff;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What the read model knows of one environment that a diff compares. */
record EnvironmentState(
        String name,
        @Nullable String stage,
        @Nullable String status,
        @Nullable String version,
        @Nullable String desiredVersion,
        @Nullable String desiredCommit,
        Map<String, String> overrides,
        List<String> secretKeys,
        Map<String, String> secretFingerprints) {

    /** The version the diff compares: the one the spec asks for, else the one that runs. */
    @Nullable
    String comparedVersion() {
        return desiredVersion != null ? desiredVersion : version;
    }
}
