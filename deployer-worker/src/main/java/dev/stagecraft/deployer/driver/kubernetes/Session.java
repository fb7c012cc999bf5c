package dev.stagecraft.deployer.driver.kubernetes;

import dev.stagecraft.deployer.driver.Target;
import io.fabric8.kubernetes.client.KubernetesClient;

/** One operation on one environment: where it lives (cluster, namespace) and the client to reach it. */
record Session(Target target, KubernetesSettings settings, KubernetesClient client, ApiCalls api) {

    String namespace() {
        return settings.namespace();
    }

    String where() {
        return "namespace " + namespace() + " of cluster " + settings.cluster();
    }

    Namespaces namespaces() {
        return new Namespaces(client, api);
    }

    ChartApplier applier() {
        return new ChartApplier(client, api, target, namespace());
    }

    Rollouts rollouts() {
        return new Rollouts(client, api, target, namespace());
    }

    Scaling scaling() {
        return new Scaling(client, api, rollouts());
    }

    boolean namespaceExists(String step) {
        return namespaces().find(namespace(), step) != null;
    }
}
