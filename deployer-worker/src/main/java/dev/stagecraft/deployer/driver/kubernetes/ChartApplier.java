package dev.stagecraft.deployer.driver.kubernetes;

import dev.stagecraft.contracts.FailureReason;
import dev.stagecraft.deployer.driver.DriverException;
import dev.stagecraft.deployer.driver.Steps;
import dev.stagecraft.deployer.driver.Target;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Applies what a chart rendered into the environment's namespace and deletes what it rendered before but no
 * longer does. Each object is labelled as the environment's ({@link Ownership}) and annotated with the version,
 * then created, or replaced when it exists ({@code PUT} at the latest resource version, retried on a conflict
 * with a controller; not server-side apply, which the fabric8 mock API server the tests run against cannot
 * serve). PersistentVolumeClaims are only created, never replaced (their spec is
 * immutable once bound) nor pruned (they hold the data).
 */
final class ChartApplier {

    /** The kinds pruned: what a chart commonly renders, PersistentVolumeClaims excepted. */
    static final List<Class<? extends HasMetadata>> PRUNED = List.of(
            Deployment.class,
            StatefulSet.class,
            DaemonSet.class,
            Service.class,
            Ingress.class,
            ConfigMap.class,
            Secret.class,
            ServiceAccount.class,
            Role.class,
            RoleBinding.class,
            Job.class,
            CronJob.class,
            HorizontalPodAutoscaler.class,
            PodDisruptionBudget.class,
            NetworkPolicy.class);

    private final KubernetesClient client;
    private final ApiCalls api;
    private final Target target;
    private final String namespace;

    ChartApplier(KubernetesClient client, ApiCalls api, Target target, String namespace) {
        this.client = client;
        this.api = api;
        this.target = target;
        this.namespace = namespace;
    }

    /** Applies every object; returns their names ({@code Kind/name}). */
    List<String> apply(List<HasMetadata> objects, String version) {
        List<String> applied = new ArrayList<>();
        for (HasMetadata object : objects) {
            refuseClusterScoped(object);
            own(object, version);
            String name = Ownership.name(object);
            if (object instanceof PersistentVolumeClaim) {
                api.run(
                        Steps.APPLY,
                        "creating " + name,
                        () -> client.resource(object).createOr(exists -> object));
            } else {
                api.run(
                        Steps.APPLY,
                        "applying " + name,
                        () -> client.resource(object).createOr(NonDeletingOperation::replace));
            }
            applied.add(name);
        }
        return applied;
    }

    /** Deletes the environment's chart objects (of the {@link #PRUNED} kinds) not in {@code kept}; returns them. */
    List<String> prune(List<String> kept) {
        Set<String> keep = Set.copyOf(kept);
        List<String> deleted = new ArrayList<>();
        for (Class<? extends HasMetadata> kind : PRUNED) {
            List<? extends HasMetadata> existing = api.call(
                    Steps.APPLY,
                    "listing the " + kind.getSimpleName() + "s of namespace " + namespace,
                    () -> client.resources(kind)
                            .inNamespace(namespace)
                            .withLabels(Ownership.chartSelector(target))
                            .list()
                            .getItems());
            for (HasMetadata object : existing) {
                String name = Ownership.name(object);
                if (!keep.contains(name)) {
                    api.run(
                            Steps.APPLY,
                            "deleting " + name,
                            () -> client.resource(object).delete());
                    deleted.add(name);
                }
            }
        }
        return deleted;
    }

    /**
     * Deletes everything of the environment in the namespace (of the {@link #PRUNED} kinds and its
     * PersistentVolumeClaims), for a cleanup that must keep a namespace Stagecraft did not create.
     */
    List<String> deleteAll(String step) {
        List<String> deleted = new ArrayList<>();
        for (Class<? extends HasMetadata> kind : Stream.concat(PRUNED.stream(), Stream.of(PersistentVolumeClaim.class))
                .toList()) {
            List<? extends HasMetadata> existing = api.call(
                    step,
                    "listing the " + kind.getSimpleName() + "s of namespace " + namespace,
                    () -> client.resources(kind)
                            .inNamespace(namespace)
                            .withLabels(Ownership.environmentSelector(target))
                            .list()
                            .getItems());
            for (HasMetadata object : existing) {
                api.run(
                        step,
                        "deleting " + Ownership.name(object),
                        () -> client.resource(object).delete());
                deleted.add(Ownership.name(object));
            }
        }
        return deleted;
    }

    private void own(HasMetadata object, String version) {
        object.getMetadata().setNamespace(namespace);
        var labels = new HashMap<String, String>();
        if (object.getMetadata().getLabels() != null) {
            labels.putAll(object.getMetadata().getLabels());
        }
        labels.putAll(Ownership.labels(target, Ownership.CHART));
        object.getMetadata().setLabels(labels);
        var annotations = new HashMap<String, String>();
        if (object.getMetadata().getAnnotations() != null) {
            annotations.putAll(object.getMetadata().getAnnotations());
        }
        annotations.put(Ownership.VERSION, version);
        object.getMetadata().setAnnotations(annotations);
    }

    private void refuseClusterScoped(HasMetadata object) {
        if (!(object instanceof Namespaced) && !(object instanceof GenericKubernetesResource)) {
            throw new DriverException(
                    Steps.APPLY,
                    FailureReason.GENERIC,
                    "the chart renders " + Ownership.name(object) + ", which is not namespaced; the kubernetes driver"
                            + " applies only namespaced objects, into namespace " + namespace
                            + ": create it apart from the chart");
        }
    }

    static String summary(List<String> names) {
        return names.stream().sorted().collect(Collectors.joining(", "));
    }
}
