package dev.stagecraft.query.environment;

import dev.stagecraft.contracts.event.EnvironmentLink;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An environment as query-service answers it (DESIGN.md §6).
 *
 * @param stage the pipeline stage it is bound to, or null for an ad-hoc environment
 * @param status null until deployer-worker reported a status
 * @param statusReason the sentence that came with the last status change
 * @param failure why it is FAILURE: GENERIC, PARTIAL_AVAILABILITY or VERSION_MISMATCH; null otherwise
 * @param version the version that actually runs
 * @param desiredVersion the version its spec asks for
 * @param ttl ISO-8601 duration after which an ad-hoc environment is archived, or null
 * @param expiresAt when its TTL passes and Stagecraft archives it, or null if nothing is scheduled
 * @param cleanupAt when, archived, its retention ends and Stagecraft cleans it up, or null
 * @param overrides public configuration overrides
 * @param secretKeys names of the secret overrides (never their values)
 * @param queued the deployments waiting for their turn, next first
 * @param drift what runs differs from what was asked, or null
 * @param lock who locked the environment, why and since when; null while it is unlocked
 * @param deployed when and by whom the version that runs was deployed (its last successful deployment), or null
 * @param awaitingApproval the deployments into it that wait for an approval, oldest first
 * @param links the links the driver gave users for what runs (its {@code info}, from the last current
 *     {@code deployment.succeeded}); empty when it gave none or nothing runs
 */
public record EnvironmentView(
        String app,
        String name,
        @Nullable String stage,
        @Nullable String status,
        @Nullable String statusReason,
        @Nullable String failure,
        @Nullable String version,
        @Nullable String desiredVersion,
        @Nullable String desiredCommit,
        @Nullable String driver,
        List<String> tags,
        @Nullable String description,
        @Nullable String ttl,
        @Nullable Instant expiresAt,
        @Nullable Instant cleanupAt,
        Map<String, String> overrides,
        List<String> secretKeys,
        Instant createdAt,
        Instant updatedAt,
        @Nullable LastDeployment lastDeployment,
        List<QueuedDeployment> queued,
        @Nullable Drift drift,
        @Nullable EnvironmentLock lock,
        @Nullable Deployed deployed,
        List<AwaitingApproval> awaitingApproval,
        List<EnvironmentLink> links) {

    public EnvironmentKey key() {
        return new EnvironmentKey(app, name);
    }

    /** This view with what is read apart from its row: its queue and its approvals. */
    EnvironmentView with(List<QueuedDeployment> queue, List<AwaitingApproval> awaiting) {
        return new EnvironmentView(
                app,
                name,
                stage,
                status,
                statusReason,
                failure,
                version,
                desiredVersion,
                desiredCommit,
                driver,
                tags,
                description,
                ttl,
                expiresAt,
                cleanupAt,
                overrides,
                secretKeys,
                createdAt,
                updatedAt,
                lastDeployment,
                List.copyOf(queue),
                drift,
                lock,
                deployed,
                List.copyOf(awaiting),
                links);
    }
}
