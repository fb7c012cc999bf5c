package dev.stagecraft.command.environment;

import dev.stagecraft.contracts.command.UpdateEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The desired spec of an environment. {@code sealedSecrets} maps each secret key to its value sealed
 * with {@link dev.stagecraft.contracts.SecretBox} or to a Vault reference: plaintext is never kept.
 */
record EnvironmentSpec(
        String version,
        @Nullable String commit,
        Map<String, String> overrides,
        Map<String, String> sealedSecrets,
        @Nullable Duration ttl,
        List<String> tags,
        @Nullable String description) {

    EnvironmentSpec {
        overrides = Map.copyOf(overrides);
        sealedSecrets = Map.copyOf(sealedSecrets);
        tags = List.copyOf(tags);
    }

    /** The spec of a stage environment a promotion creates: the application's defaults, no overrides. */
    static EnvironmentSpec of(String version, @Nullable String commit) {
        return new EnvironmentSpec(version, commit, Map.of(), Map.of(), null, List.of(), null);
    }

    /** This spec with another version (and its commit): everything else is kept. */
    EnvironmentSpec withVersion(String newVersion, @Nullable String newCommit) {
        return new EnvironmentSpec(newVersion, newCommit, overrides, sealedSecrets, ttl, tags, description);
    }

    /** This spec changed by an update: present fields replace, absent ones keep their value. */
    EnvironmentSpec updatedBy(UpdateEnvironment update, @Nullable Map<String, String> newSealedSecrets) {
        return new EnvironmentSpec(
                Objects.requireNonNullElse(update.version(), version),
                update.version() != null || update.commit() != null ? update.commit() : commit,
                Objects.requireNonNullElse(update.overrides(), overrides),
                Objects.requireNonNullElse(newSealedSecrets, sealedSecrets),
                update.ttl() != null ? update.ttl() : ttl,
                Objects.requireNonNullElse(update.tags(), tags),
                update.description() != null ? update.description() : description);
    }

    /** The names of the secret keys, sorted: all that may be told about secrets. */
    List<String> secretKeys() {
        return List.copyOf(new TreeSet<>(sealedSecrets.keySet()));
    }
}
