package dev.stagecraft.deployer.driver.kubernetes;

import dev.stagecraft.contracts.FailureReason;
import dev.stagecraft.deployer.driver.DriverException;
import dev.stagecraft.deployer.driver.StepReporter;
import dev.stagecraft.deployer.driver.Target;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Reads the rollout state of an environment's Deployments and StatefulSets and of their pods. */
final class Rollouts {

    private final KubernetesClient client;
    private final ApiCalls api;
    private final Target target;
    private final String namespace;

    Rollouts(KubernetesClient client, ApiCalls api, Target target, String namespace) {
        this.client = client;
        this.api = api;
        this.target = target;
        this.namespace = namespace;
    }

    /**
     * Waits until every Deployment and StatefulSet of the environment is ready; fails at the first one that cannot
     * get ready, or after {@code timeout}. Each change of a workload's state goes to the step log.
     */
    List<WorkloadStatus> await(String step, Duration timeout, Polling polling, StepReporter steps) {
        Map<String, String> logged = new HashMap<>();
        List<WorkloadStatus> last = new ArrayList<>();
        return polling.until(
                step,
                timeout,
                () -> {
                    List<WorkloadStatus> statuses = read(step);
                    last.clear();
                    last.addAll(statuses);
                    for (WorkloadStatus status : statuses) {
                        if (!status.summary().equals(logged.put(status.name(), status.summary()))) {
                            steps.log(step, status.summary());
                        }
                        if (status.failure() != null) {
                            throw new DriverException(step, FailureReason.GENERIC, status.summary());
                        }
                    }
                    return statuses.stream().allMatch(WorkloadStatus::isReady)
                            ? Optional.of(statuses)
                            : Optional.empty();
                },
                () -> new DriverException(
                        step,
                        FailureReason.GENERIC,
                        "the workloads of namespace " + namespace + " were not ready within " + timeout.toSeconds()
                                + "s: "
                                + last.stream()
                                        .filter(s -> !s.isReady())
                                        .map(WorkloadStatus::summary)
                                        .collect(Collectors.joining("; "))));
    }

    List<WorkloadStatus> read(String step) {
        List<WorkloadStatus> statuses = new ArrayList<>();
        for (Deployment d : deployments(step)) {
            statuses.add(RolloutRules.of(d, pods(d.getSpec().getSelector(), step)));
        }
        for (StatefulSet s : statefulSets(step)) {
            statuses.add(RolloutRules.of(s, pods(s.getSpec().getSelector(), step)));
        }
        return statuses;
    }

    List<Deployment> deployments(String step) {
        return api.call(
                step,
                "listing the Deployments of namespace " + namespace,
                () -> client.apps()
                        .deployments()
                        .inNamespace(namespace)
                        .withLabels(Ownership.chartSelector(target))
                        .list()
                        .getItems());
    }

    List<StatefulSet> statefulSets(String step) {
        return api.call(
                step,
                "listing the StatefulSets of namespace " + namespace,
                () -> client.apps()
                        .statefulSets()
                        .inNamespace(namespace)
                        .withLabels(Ownership.chartSelector(target))
                        .list()
                        .getItems());
    }

    private List<Pod> pods(@Nullable LabelSelector selector, String step) {
        if (selector == null) {
            return List.of();
        }
        return api
                .call(
                        step,
                        "listing the pods of namespace " + namespace,
                        () -> client.pods()
                                .inNamespace(namespace)
                                .withLabelSelector(selector)
                                .list()
                                .getItems())
                .stream()
                .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null)
                .toList();
    }
}
