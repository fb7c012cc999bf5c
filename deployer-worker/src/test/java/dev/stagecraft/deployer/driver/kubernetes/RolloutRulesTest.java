package dev.stagecraft.deployer.driver.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a Deployment's or StatefulSet's state is read, as kubedog reads it. */
class RolloutRulesTest {

    @Test
    void aDeploymentIsReadyWhenItsControllerSawTheSpecAndAllReplicasAreUpdatedReadyAndAvailable() {
        WorkloadStatus ready = RolloutRules.of(deployment(3, 2L, 2L, 3, 3, 3), List.of(running("web-1", "app:1.0")));

        assertThat(ready.isReady()).isTrue();
        assertThat(ready.summary()).isEqualTo("Deployment/web: 3/3 updated, 3/3 ready, 3/3 available");
        assertThat(ready.tags()).containsExactly(List.of("1.0"));
    }

    @Test
    void aDeploymentWhoseControllerHasNotSeenTheNewSpecIsNotReadyWhateverItsCounts() {
        WorkloadStatus stale = RolloutRules.of(deployment(3, 3L, 2L, 3, 3, 3), List.of());

        assertThat(stale.isReady()).isFalse();
        assertThat(stale.summary())
                .isEqualTo("Deployment/web: its controller has not seen the new spec yet; 3/3 updated, 3/3 ready,"
                        + " 3/3 available");
    }

    @Test
    void aDeploymentWithSomeReplicasMissingIsNotReady() {
        assertThat(RolloutRules.of(deployment(3, 2L, 2L, 3, 2, 2), List.of()).isReady())
                .isFalse();
        assertThat(RolloutRules.of(deployment(3, 2L, 2L, 2, 3, 3), List.of()).isReady())
                .isFalse();
        assertThat(RolloutRules.of(deployment(0, 2L, 2L, 0, 0, 0), List.of()).isReady())
                .isTrue();
    }

    @Test
    void aDeploymentPastItsProgressDeadlineHasFailed() {
        Deployment d = deployment(1, 2L, 2L, 0, 0, 0);
        d.getStatus()
                .setConditions(List.of(new DeploymentConditionBuilder()
                        .withType("Progressing")
                        .withStatus("False")
                        .withReason("ProgressDeadlineExceeded")
                        .withMessage("ReplicaSet \"web-7d\" has timed out progressing.")
                        .build()));

        assertThat(RolloutRules.of(d, List.of()).failure())
                .isEqualTo("ProgressDeadlineExceeded, the rollout made no progress within its deadline: ReplicaSet"
                        + " \"web-7d\" has timed out progressing.");
    }

    @Test
    void podsOfTheCurrentTemplateThatCannotRunFailTheRolloutWithTheirReason() {
        Deployment d = deployment(1, 1L, 1L, 1, 0, 0);

        assertThat(RolloutRules.of(
                                d, List.of(waiting("web-a", "app:1.0", "ImagePullBackOff", "Back-off pulling image")))
                        .failure())
                .isEqualTo("pod web-a: container web is waiting: ImagePullBackOff: Back-off pulling image");
        assertThat(RolloutRules.of(d, List.of(terminated("web-b", "app:1.0", 137, "OOMKilled")))
                        .failure())
                .isEqualTo("pod web-b: container web terminated: OOMKilled (exit code 137)");
        assertThat(RolloutRules.of(d, List.of(waiting("web-c", "app:1.0", "ContainerCreating", null)))
                        .failure())
                .isNull();
        assertThat(RolloutRules.of(d, List.of(waiting("old-pod", "app:0.9", "CrashLoopBackOff", null)))
                        .failure())
                .as("a pod of the old template")
                .isNull();
    }

    @Test
    void aStatefulSetIsReadWithTheSameRules() {
        var set = new StatefulSetBuilder()
                .withNewMetadata()
                .withName("db")
                .withGeneration(4L)
                .endMetadata()
                .withNewSpec()
                .withReplicas(2)
                .withNewTemplate()
                .withNewSpec()
                .addNewContainer()
                .withName("web")
                .withImage("app:1.0")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .withNewStatus()
                .withObservedGeneration(4L)
                .withUpdatedReplicas(2)
                .withReadyReplicas(2)
                .withAvailableReplicas(1)
                .endStatus()
                .build();

        WorkloadStatus status = RolloutRules.of(set, List.of());

        assertThat(status.isReady()).isFalse();
        assertThat(status.summary()).isEqualTo("StatefulSet/db: 2/2 updated, 2/2 ready, 1/2 available");
    }

    @Test
    void theTagOfAnImageReference() {
        assertThat(WorkloadStatus.tag("registry.example:5000/shop/web:1.8.0")).isEqualTo("1.8.0");
        assertThat(WorkloadStatus.tag("registry.example:5000/shop/web:1.8.0@sha256:abc"))
                .isEqualTo("1.8.0");
        assertThat(WorkloadStatus.tag("registry.example:5000/shop/web")).isEqualTo("latest");
        assertThat(WorkloadStatus.tag("web")).isEqualTo("latest");
    }

    private static Deployment deployment(
            int replicas, long generation, long observed, int updated, int ready, int available) {
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName("web")
                .withGeneration(generation)
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withNewTemplate()
                .withNewSpec()
                .addNewContainer()
                .withName("web")
                .withImage("app:1.0")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .withNewStatus()
                .withObservedGeneration(observed)
                .withUpdatedReplicas(updated)
                .withReadyReplicas(ready)
                .withAvailableReplicas(available)
                .endStatus()
                .build();
    }

    private static Pod running(String name, String image) {
        return pod(
                name,
                image,
                new ContainerStatusBuilder()
                        .withName("web")
                        .withNewState()
                        .withNewRunning()
                        .endRunning()
                        .endState());
    }

    private static Pod waiting(String name, String image, String reason, String message) {
        return pod(
                name,
                image,
                new ContainerStatusBuilder()
                        .withName("web")
                        .withNewState()
                        .withNewWaiting()
                        .withReason(reason)
                        .withMessage(message)
                        .endWaiting()
                        .endState());
    }

    private static Pod terminated(String name, String image, int exitCode, String reason) {
        return pod(
                name,
                image,
                new ContainerStatusBuilder()
                        .withName("web")
                        .withNewState()
                        .withNewTerminated()
                        .withExitCode(exitCode)
                        .withReason(reason)
                        .endTerminated()
                        .endState());
    }

    private static Pod pod(String name, String image, ContainerStatusBuilder status) {
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("web")
                .withImage(image)
                .endContainer()
                .endSpec()
                .withNewStatus()
                .withPhase("Running")
                .withContainerStatuses(status.build())
                .endStatus()
                .build();
    }
}
