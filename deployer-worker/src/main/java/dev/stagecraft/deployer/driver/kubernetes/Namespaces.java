package dev.stagecraft.deployer.driver.kubernetes;

import dev.stagecraft.deployer.driver.Target;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** The environment's namespace and its secrets Secret. */
final class Namespaces {

    private final KubernetesClient client;
    private final ApiCalls api;

    Namespaces(KubernetesClient client, ApiCalls api) {
        this.client = client;
        this.api = api;
    }

    @Nullable
    Namespace find(String namespace, String step) {
        return api.call(
                step,
                "reading namespace " + namespace,
                () -> client.namespaces().withName(namespace).get());
    }

    /**
     * Creates the namespace, labelled as the environment's, unless it exists (one made by someone else is used as
     * it is); returns whether it was created.
     */
    boolean ensure(Target target, String namespace, String step) {
        if (find(namespace, step) != null) {
            return false;
        }
        Namespace created = new NamespaceBuilder()
                .withNewMetadata()
                .withName(namespace)
                .withLabels(Map.of(
                        Ownership.MANAGED_BY,
                        Ownership.STAGECRAFT,
                        Ownership.APP,
                        target.app(),
                        Ownership.ENVIRONMENT,
                        target.environment()))
                .endMetadata()
                .build();
        api.run(
                step,
                "creating namespace " + namespace,
                () -> client.resource(created).createOr(NonDeletingOperation::replace));
        return true;
    }

    /** Creates or replaces the Secret {@code <env>-stagecraft-secrets} with these values ({@code stringData}). */
    HasMetadata applySecrets(Target target, String namespace, Map<String, String> secrets, String step) {
        Secret secret = new SecretBuilder()
                .withNewMetadata()
                .withName(Ownership.secretName(target))
                .withNamespace(namespace)
                .withLabels(Ownership.labels(target, Ownership.SECRETS))
                .endMetadata()
                .withType("Opaque")
                .withStringData(new TreeMap<>(secrets))
                .build();
        return api.call(
                step,
                "writing Secret " + secret.getMetadata().getName() + " in namespace " + namespace,
                () -> client.resource(secret).createOr(NonDeletingOperation::replace));
    }
}
