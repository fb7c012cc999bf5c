package dev.stagecraft.deployer.driver.kubernetes;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How far one Deployment or StatefulSet has rolled out, read as kubedog reads it: the controller has seen the
 * latest spec ({@code status.observedGeneration >= metadata.generation}) and the updated, ready and available
 * replicas all equal {@code spec.replicas}; or it failed (progress deadline exceeded, a pod that cannot run).
 *
 * @param name {@code Kind/name}
 * @param failure why the rollout cannot succeed, or null
 * @param tags the image tags of the workload's pods, one list per pod
 */
record WorkloadStatus(
        String name,
        int desired,
        boolean observed,
        int updated,
        int ready,
        int available,
        @Nullable String failure,
        List<List<String>> tags) {

    WorkloadStatus {
        tags = List.copyOf(tags);
    }

    boolean isReady() {
        return failure == null && observed && updated == desired && ready == desired && available == desired;
    }

    String summary() {
        if (failure != null) {
            return name + ": " + failure;
        }
        String counts = updated + "/" + desired + " updated, " + ready + "/" + desired + " ready, " + available + "/"
                + desired + " available";
        return name + ": " + (observed ? counts : "its controller has not seen the new spec yet; " + counts);
    }

    /** Whether every pod of the workload runs {@code version} (an image tag of one of its containers). */
    boolean runs(String version) {
        return tags.stream().allMatch(pod -> pod.contains(version));
    }

    /** The tag a pod runs that is not {@code version}, or null when all run it. */
    @Nullable
    String otherVersion(String version) {
        return tags.stream()
                .filter(pod -> !pod.contains(version) && !pod.isEmpty())
                .map(List::getFirst)
                .findFirst()
                .orElse(null);
    }

    /** The tag of an image reference ({@code repo/name:tag@digest}); {@code latest} when it has none. */
    static String tag(String image) {
        String name = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        int colon = name.lastIndexOf(':');
        return colon > name.lastIndexOf('/') ? name.substring(colon + 1) : "latest";
    }
}
