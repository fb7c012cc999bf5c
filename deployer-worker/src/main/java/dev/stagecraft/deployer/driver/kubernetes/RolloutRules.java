package dev.stagecraft.deployer.driver.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * kubedog's rules for reading a rollout: when a Deployment or StatefulSet is ready, when it has failed (progress
 * deadline exceeded, a pod of its current template that cannot run).
 */
final class RolloutRules {

    /** Reasons a container waits that it will not get over by itself. */
    static final Set<String> FAILING_WAITING_REASONS = Set.of(
            "CrashLoopBackOff",
            "ImagePullBackOff",
            "ErrImagePull",
            "InvalidImageName",
            "CreateContainerConfigError",
            "CreateContainerError");

    private RolloutRules() {}

    static WorkloadStatus of(Deployment d, List<Pod> pods) {
        var status = d.getStatus();
        int desired = replicas(d.getSpec().getReplicas());
        String name = "Deployment/" + d.getMetadata().getName();
        if (status == null) {
            return new WorkloadStatus(
                    name,
                    desired,
                    false,
                    0,
                    0,
                    0,
                    podFailure(d.getSpec().getTemplate().getSpec(), pods),
                    tags(pods));
        }
        boolean observed = observed(d.getMetadata().getGeneration(), status.getObservedGeneration());
        String failure = observed ? deadlineExceeded(status.getConditions()) : null;
        if (failure == null) {
            failure = podFailure(d.getSpec().getTemplate().getSpec(), pods);
        }
        return new WorkloadStatus(
                name,
                desired,
                observed,
                count(status.getUpdatedReplicas()),
                count(status.getReadyReplicas()),
                count(status.getAvailableReplicas()),
                failure,
                tags(pods));
    }

    static WorkloadStatus of(StatefulSet s, List<Pod> pods) {
        var status = s.getStatus();
        int desired = replicas(s.getSpec().getReplicas());
        String name = "StatefulSet/" + s.getMetadata().getName();
        String failure = podFailure(s.getSpec().getTemplate().getSpec(), pods);
        if (status == null) {
            return new WorkloadStatus(name, desired, false, 0, 0, 0, failure, tags(pods));
        }
        return new WorkloadStatus(
                name,
                desired,
                observed(s.getMetadata().getGeneration(), status.getObservedGeneration()),
                count(status.getUpdatedReplicas()),
                count(status.getReadyReplicas()),
                count(status.getAvailableReplicas()),
                failure,
                tags(pods));
    }

    private static @Nullable String deadlineExceeded(@Nullable List<DeploymentCondition> conditions) {
        if (conditions == null) {
            return null;
        }
        return conditions.stream()
                .filter(c -> "Progressing".equals(c.getType()) && "ProgressDeadlineExceeded".equals(c.getReason()))
                .map(c -> "ProgressDeadlineExceeded, the rollout made no progress within its deadline"
                        + message(c.getMessage()))
                .findFirst()
                .orElse(null);
    }

    /**
     * Why a pod of the current template cannot run: a container waiting for a reason it will not get over, one
     * that terminated with an error, a failed pod. Pods of other templates (the old version) are not judged.
     */
    static @Nullable String podFailure(@Nullable PodSpec template, List<Pod> pods) {
        Set<String> images = template == null ? Set.of() : images(template);
        for (Pod pod : pods) {
            if (pod.getSpec() == null || !images(pod.getSpec()).equals(images) || pod.getStatus() == null) {
                continue;
            }
            String name = pod.getMetadata().getName();
            if ("Failed".equals(pod.getStatus().getPhase())) {
                return "pod " + name + " failed: " + pod.getStatus().getReason() + ": "
                        + pod.getStatus().getMessage();
            }
            for (ContainerStatus c : containerStatuses(pod)) {
                String failure = containerFailure(c);
                if (failure != null) {
                    return "pod " + name + ": container " + c.getName() + " " + failure;
                }
            }
        }
        return null;
    }

    private static @Nullable String containerFailure(ContainerStatus c) {
        if (c.getState() == null) {
            return null;
        }
        var waiting = c.getState().getWaiting();
        if (waiting != null && FAILING_WAITING_REASONS.contains(waiting.getReason())) {
            return "is waiting: " + waiting.getReason() + message(waiting.getMessage());
        }
        var terminated = c.getState().getTerminated();
        if (terminated != null && terminated.getExitCode() != null && terminated.getExitCode() != 0) {
            return "terminated: " + terminated.getReason() + " (exit code " + terminated.getExitCode() + ")"
                    + message(terminated.getMessage());
        }
        return null;
    }

    private static List<ContainerStatus> containerStatuses(Pod pod) {
        return Stream.concat(
                        Stream.ofNullable(pod.getStatus().getInitContainerStatuses())
                                .flatMap(List::stream),
                        Stream.ofNullable(pod.getStatus().getContainerStatuses())
                                .flatMap(List::stream))
                .toList();
    }

    private static List<List<String>> tags(List<Pod> pods) {
        return pods.stream()
                .filter(pod -> pod.getSpec() != null)
                .map(pod -> pod.getSpec().getContainers().stream()
                        .map(Container::getImage)
                        .filter(Objects::nonNull)
                        .map(WorkloadStatus::tag)
                        .toList())
                .toList();
    }

    private static Set<String> images(PodSpec spec) {
        return spec.getContainers().stream()
                .map(Container::getImage)
                .filter(Objects::nonNull)
                .collect(Collectors.toSet());
    }

    private static String message(@Nullable String message) {
        return message == null || message.isBlank() ? "" : ": " + message;
    }

    private static boolean observed(@Nullable Long generation, @Nullable Long observedGeneration) {
        return observedGeneration != null && (generation == null || observedGeneration >= generation);
    }

    private static int replicas(@Nullable Integer replicas) {
        return replicas == null ? 1 : replicas;
    }

    private static int count(@Nullable Integer count) {
        return count == null ? 0 : count;
    }
}
