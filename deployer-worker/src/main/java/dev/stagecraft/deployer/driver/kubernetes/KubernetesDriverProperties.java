package dev.stagecraft.deployer.driver.kubernetes;

import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code stagecraft.deployer.kubernetes.*}: the {@code kubernetes} driver.
 *
 * @param clusters the clusters jobs may name in {@code driverSettings.cluster}; {@code default} (used when a job
 *     names none) is fabric8's auto-configured client (kubeconfig, in-cluster service account) unless configured
 *     here
 * @param readyTimeout how long a rollout may take (a job's {@code driverSettings.readyTimeout} wins); also how
 *     long archive and restore wait for the workloads to scale
 * @param pollInterval pause between two looks at a rollout, a hook Job or a namespace being deleted
 * @param deleteTimeout how long cleanup waits for the namespace to be gone
 * @param connectTimeout connecting to an API server
 * @param requestTimeout one request to an API server
 */
@ConfigurationProperties("stagecraft.deployer.kubernetes")
public record KubernetesDriverProperties(
        Map<String, Cluster> clusters,
        Duration readyTimeout,
        Duration pollInterval,
        Duration deleteTimeout,
        Duration connectTimeout,
        Duration requestTimeout) {

    /** The cluster of jobs that name none. */
    public static final String DEFAULT_CLUSTER = "default";

    public KubernetesDriverProperties(
            @Nullable Map<String, Cluster> clusters,
            @Nullable Duration readyTimeout,
            @Nullable Duration pollInterval,
            @Nullable Duration deleteTimeout,
            @Nullable Duration connectTimeout,
            @Nullable Duration requestTimeout) {
        this.clusters = clusters != null ? Map.copyOf(clusters) : Map.of();
        this.readyTimeout = readyTimeout != null ? readyTimeout : Duration.ofMinutes(5);
        this.pollInterval = pollInterval != null ? pollInterval : Duration.ofSeconds(1);
        this.deleteTimeout = deleteTimeout != null ? deleteTimeout : Duration.ofMinutes(2);
        this.connectTimeout = connectTimeout != null ? connectTimeout : Duration.ofSeconds(10);
        this.requestTimeout = requestTimeout != null ? requestTimeout : Duration.ofSeconds(30);
    }

    /** The defaults with these clusters. */
    public static KubernetesDriverProperties of(Map<String, Cluster> clusters) {
        return new KubernetesDriverProperties(clusters, null, null, null, null, null);
    }

    public KubernetesDriverProperties withTimings(Duration readyTimeout, Duration pollInterval) {
        return new KubernetesDriverProperties(
                clusters, readyTimeout, pollInterval, deleteTimeout, connectTimeout, requestTimeout);
    }

    /**
     * One Kubernetes cluster ({@code stagecraft.deployer.kubernetes.clusters.<name>.*}).
     *
     * @param masterUrl the API server's URL; unset = fabric8's auto-configuration (kubeconfig, in-cluster)
     * @param token a bearer token (a service account's); unset = the auto-configured credentials
     * @param namespacePrefix put before the default namespace {@code <app>-<environment>}
     * @param trustCerts trust the API server's certificate without checking it (test clusters only)
     */
    public record Cluster(
            @Nullable String masterUrl,
            @Nullable String token,
            @Nullable String namespacePrefix,
            boolean trustCerts) {

        public static Cluster at(String masterUrl) {
            return new Cluster(masterUrl, null, null, false);
        }

        String prefix() {
            return namespacePrefix != null ? namespacePrefix : "";
        }
    }
}
