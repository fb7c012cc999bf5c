package dev.stagecraft.deployer.driver.kubernetes;

import dev.stagecraft.contracts.FailureReason;
import dev.stagecraft.deployer.driver.DriverException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Archive and restore: scales an environment's Deployments and StatefulSets to zero, remembering each one's
 * replicas in the annotation {@value Ownership#ARCHIVED_REPLICAS}, and back. PersistentVolumeClaims are not
 * touched, so the data stays.
 */
final class Scaling {

    private final KubernetesClient client;
    private final ApiCalls api;
    private final Rollouts rollouts;

    Scaling(KubernetesClient client, ApiCalls api, Rollouts rollouts) {
        this.client = client;
        this.api = api;
        this.rollouts = rollouts;
    }

    /** Scales every workload to zero; returns what changed ({@code Deployment/web: 2 → 0}). */
    List<String> toZero(String step) {
        List<String> scaled = new ArrayList<>();
        for (Deployment d : rollouts.deployments(step)) {
            toZero(d, d.getSpec().getReplicas(), (x, n) -> x.getSpec().setReplicas(n), step, scaled);
        }
        for (StatefulSet s : rollouts.statefulSets(step)) {
            toZero(s, s.getSpec().getReplicas(), (x, n) -> x.getSpec().setReplicas(n), step, scaled);
        }
        return scaled;
    }

    /** Scales every archived workload back to its replicas before the archive; returns what changed. */
    List<String> back(String step) {
        List<String> scaled = new ArrayList<>();
        for (Deployment d : rollouts.deployments(step)) {
            back(d, (x, n) -> x.getSpec().setReplicas(n), step, scaled);
        }
        for (StatefulSet s : rollouts.statefulSets(step)) {
            back(s, (x, n) -> x.getSpec().setReplicas(n), step, scaled);
        }
        return scaled;
    }

    private <T extends HasMetadata> void toZero(
            T workload,
            @Nullable Integer replicas,
            BiConsumer<T, Integer> setReplicas,
            String step,
            List<String> scaled) {
        int before = replicas == null ? 1 : replicas;
        if (before == 0) {
            return;
        }
        edit(workload, step, "scaling " + Ownership.name(workload) + " to zero", copy -> {
            annotations(copy).put(Ownership.ARCHIVED_REPLICAS, Integer.toString(before));
            setReplicas.accept(copy, 0);
            return copy;
        });
        scaled.add(Ownership.name(workload) + ": " + before + " → 0");
    }

    private <T extends HasMetadata> void back(
            T workload, BiConsumer<T, Integer> setReplicas, String step, List<String> scaled) {
        String remembered = annotations(workload).get(Ownership.ARCHIVED_REPLICAS);
        if (remembered == null) {
            return;
        }
        int replicas = parse(workload, remembered, step);
        edit(workload, step, "scaling " + Ownership.name(workload) + " back to " + replicas, copy -> {
            annotations(copy).remove(Ownership.ARCHIVED_REPLICAS);
            setReplicas.accept(copy, replicas);
            return copy;
        });
        scaled.add(Ownership.name(workload) + ": 0 → " + replicas);
    }

    private <T extends HasMetadata> void edit(T workload, String step, String what, Function<T, T> change) {
        api.run(step, what, () -> client.resource(workload).edit(change::apply));
    }

    private static Map<String, String> annotations(HasMetadata object) {
        if (object.getMetadata().getAnnotations() == null) {
            object.getMetadata().setAnnotations(new HashMap<>());
        }
        return object.getMetadata().getAnnotations();
    }

    private static int parse(HasMetadata workload, String remembered, String step) {
        try {
            return Integer.parseInt(remembered);
        } catch (NumberFormatException e) {
            throw new DriverException(
                    step,
                    FailureReason.GENERIC,
                    Ownership.name(workload) + " has annotation " + Ownership.ARCHIVED_REPLICAS + "='" + remembered
                            + "', not a number of replicas; set it to the replicas to restore, or remove it");
        }
    }
}
