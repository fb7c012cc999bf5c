package dev.stagecraft.contracts.job;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.Operation;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One deployment to carry out ({@code job.deploy|archive|restore|cleanup}). {@code overrides} are the
 * effective public config (application defaults &lt; environment overrides; the worker puts its driver
 * defaults beneath); {@code secrets} maps each secret key to its sealed value (AES-GCM ciphertext or a Vault
 * reference {@code vault:<mount>/<path>#<key>}), never to plaintext. A key is in one of the two, never both. {@code sequence} numbers the jobs of one environment in the order command-service
 * decided them (1, 2, 3, …; 0 when unknown): the worker runs them in that order whichever arrives first.
 */
public record DeploymentJob(
        DeploymentId deploymentId,
        CommandId commandId,
        String actor,
        String app,
        String environment,
        Operation operation,
        String version,
        @Nullable String commit,
        Map<String, String> overrides,
        Map<String, String> secrets,
        String driver,
        Map<String, String> driverSettings,
        Map<String, String> planOptions,
        Instant requestedAt,
        long sequence)
        implements Job {

    public DeploymentJob {
        overrides = copy(overrides);
        secrets = copy(secrets);
        driverSettings = copy(driverSettings);
        planOptions = copy(planOptions);
    }

    /** A job outside any sequence (run in the order it arrives). */
    public DeploymentJob(
            DeploymentId deploymentId,
            CommandId commandId,
            String actor,
            String app,
            String environment,
            Operation operation,
            String version,
            @Nullable String commit,
            Map<String, String> overrides,
            Map<String, String> secrets,
            String driver,
            Map<String, String> driverSettings,
            Map<String, String> planOptions,
            Instant requestedAt) {
        this(
                deploymentId,
                commandId,
                actor,
                app,
                environment,
                operation,
                version,
                commit,
                overrides,
                secrets,
                driver,
                driverSettings,
                planOptions,
                requestedAt,
                0);
    }

    private static Map<String, String> copy(@Nullable Map<String, String> map) {
        return map == null ? Map.of() : Map.copyOf(map);
    }
}
