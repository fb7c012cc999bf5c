package dev.stagecraft.deployer.driver.kubernetes;

import dev.stagecraft.contracts.FailureReason;
import dev.stagecraft.deployer.driver.DriverException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Archive and restore: scales an environment's Deployments and StatefulSets to zero, remembering each one's
 * replicas in the annotation {@value Ownership#ARCHIVED_REPLICAS}, and back. Each change is one JSON patch of
 * replicas and annotation without a resource version, so it does not race the controllers that update the
 * status. PersistentVolumeClaims are not touched, so the data stays.
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
        for (Scalable workload : workloads(step)) {
            int before = workload.replicas() == null ? 1 : workload.replicas();
            if (before > 0) {
                patch(workload.object(), 0, annotate(workload.object(), before), step);
                scaled.add(Ownership.name(workload.object()) + ": " + before + " → 0");
            }
        }
        return scaled;
    }

    /** Scales every archived workload back to its replicas before the archive; returns what changed. */
    List<String> back(String step) {
        List<String> scaled = new ArrayList<>();
        for (Scalable workload : workloads(step)) {
            Map<String, String> annotations = workload.object().getMetadata().getAnnotations();
            String remembered = annotations == null ? null : annotations.get(Ownership.ARCHIVED_REPLICAS);
            if (remembered != null) {
                int replicas = parse(workload.object(), remembered, step);
                patch(workload.object(), replicas, REMOVE_ANNOTATION, step);
                scaled.add(Ownership.name(workload.object()) + ": 0 → " + replicas);
            }
        }
        return scaled;
    }

    private record Scalable(HasMetadata object, @Nullable Integer replicas) {}

    private List<Scalable> workloads(String step) {
        return Stream.concat(
                        rollouts.deployments(step).stream()
                                .map((Deployment d) ->
                                        new Scalable(d, d.getSpec().getReplicas())),
                        rollouts.statefulSets(step).stream()
                                .map((StatefulSet s) ->
                                        new Scalable(s, s.getSpec().getReplicas())))
                .toList();
    }

    private static final String ANNOTATION_PATH =
            "/metadata/annotations/" + Ownership.ARCHIVED_REPLICAS.replace("/", "~1");
    private static final String REMOVE_ANNOTATION = "{\"op\":\"remove\",\"path\":\"" + ANNOTATION_PATH + "\"}";

    private static String annotate(HasMetadata workload, int replicas) {
        if (workload.getMetadata().getAnnotations() == null) {
            return "{\"op\":\"add\",\"path\":\"/metadata/annotations\",\"value\":{\"" + Ownership.ARCHIVED_REPLICAS
                    + "\":\"" + replicas + "\"}}";
        }
        return "{\"op\":\"add\",\"path\":\"" + ANNOTATION_PATH + "\",\"value\":\"" + replicas + "\"}";
    }

    /** Sets the replicas and changes the annotation in one JSON patch (RFC 6902). */
    private void patch(HasMetadata workload, int replicas, String annotationOperation, String step) {
        String patch =
                "[{\"op\":\"add\",\"path\":\"/spec/replicas\",\"value\":" + replicas + "}," + annotationOperation + "]";
        api.run(
                step,
                "scaling " + Ownership.name(workload) + " to " + replicas,
                () -> client.resource(workload).patch(PatchContext.of(PatchType.JSON), patch));
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
