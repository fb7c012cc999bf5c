package dev.stagecraft.deployer.driver.kubernetes;

import dev.stagecraft.contracts.FailureReason;
import dev.stagecraft.deployer.driver.DriverException;
import dev.stagecraft.deployer.driver.kubernetes.KubernetesDriverProperties.Cluster;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The clusters of this worker and one fabric8 client for each, made when first used. fabric8 does not retry
 * requests itself: the worker retries a deployment whose target was unavailable, with backoff and a circuit
 * breaker per cluster.
 */
final class KubernetesClusters implements AutoCloseable {

    private final KubernetesDriverProperties properties;
    private final Map<String, KubernetesClient> clients = new ConcurrentHashMap<>();

    KubernetesClusters(KubernetesDriverProperties properties) {
        this.properties = properties;
    }

    /** The cluster named {@code name}; fails, naming the known ones, when this worker has none of that name. */
    Cluster cluster(String name, String step) {
        Cluster cluster = properties.clusters().get(name);
        if (cluster != null) {
            return cluster;
        }
        if (name.equals(KubernetesDriverProperties.DEFAULT_CLUSTER)) {
            return new Cluster(null, null, null, false);
        }
        TreeSet<String> known = new TreeSet<>(properties.clusters().keySet());
        known.add(KubernetesDriverProperties.DEFAULT_CLUSTER);
        throw new DriverException(
                step,
                FailureReason.GENERIC,
                "this worker knows no Kubernetes cluster '" + name + "' (it knows " + String.join(", ", known)
                        + "); set driverSettings.cluster to one of them or configure "
                        + "stagecraft.deployer.kubernetes.clusters." + name + ".master-url");
    }

    KubernetesClient client(String name, String step) {
        Cluster cluster = cluster(name, step);
        return clients.computeIfAbsent(name, ignored -> connect(cluster));
    }

    private KubernetesClient connect(Cluster cluster) {
        Config base = cluster.masterUrl() == null ? Config.autoConfigure(null) : Config.empty();
        ConfigBuilder config = new ConfigBuilder(base)
                .withRequestRetryBackoffLimit(0)
                .withConnectionTimeout((int) properties.connectTimeout().toMillis())
                .withRequestTimeout((int) properties.requestTimeout().toMillis());
        if (cluster.masterUrl() != null) {
            config.withMasterUrl(cluster.masterUrl());
        }
        if (cluster.token() != null) {
            config.withOauthToken(cluster.token());
        }
        if (cluster.trustCerts()) {
            config.withTrustCerts(true);
        }
        return new KubernetesClientBuilder().withConfig(config.build()).build();
    }

    @Override
    public void close() {
        clients.values().forEach(KubernetesClient::close);
        clients.clear();
    }
}
