package dev.stagecraft.deployer.driver.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * fabric8's mock API server in CRUD mode, with a small simulation of the controllers and the kubelet of a real
 * cluster, driven by informers on the mock server. For every Deployment and StatefulSet it keeps
 * {@code spec.replicas} pods of the template's image and sets the status to ready, unless the image tag says
 * otherwise: {@code crashloop} in the tag makes the pods crash-loop, {@code stuck} makes the Deployment exceed
 * its progress deadline, {@code slow} keeps its pods from ever getting ready. Annotations steer the rest: {@value #AVAILABLE} caps the available replicas,
 * {@value #POD_IMAGE} gives the pods another image. A Job's command really runs, through the local {@code sh},
 * with the Job's variables and its Secret's values; its exit code completes or fails the Job.
 */
public final class SimulatedCluster implements AutoCloseable {

    public static final String AVAILABLE = "simulation.stagecraft.dev/available";
    public static final String POD_IMAGE = "simulation.stagecraft.dev/pod-image";

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
    private final ExecutorService kubelet = Executors.newCachedThreadPool();
    /** The commands of the Jobs still running, stopped when the cluster closes. */
    private final Set<Process> running = ConcurrentHashMap.newKeySet();

    private final Set<String> startedJobs = ConcurrentHashMap.newKeySet();

    private SimulatedCluster() {
        server = new KubernetesMockServer(
                new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.init();
        client = server.createClient();
    }

    public static SimulatedCluster start() {
        SimulatedCluster cluster = new SimulatedCluster();
        cluster.informers.add(
                cluster.client.apps().deployments().inAnyNamespace().inform(on(cluster::reconcile)));
        cluster.informers.add(
                cluster.client.apps().statefulSets().inAnyNamespace().inform(on(cluster::reconcile)));
        cluster.informers.add(
                cluster.client.batch().v1().jobs().inAnyNamespace().inform(on(cluster::reconcile)));
        return cluster;
    }

    /** The client the test reads and changes the cluster with. */
    public KubernetesClient client() {
        return client;
    }

    public String masterUrl() {
        return client.getMasterUrl().toString();
    }

    /** The chart of {@code src/test/resources/charts/demo}: a Deployment, a Service, an Ingress and a claim. */
    public static Path demoChart() {
        try {
            return Path.of(SimulatedCluster.class.getResource("/charts/demo").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::close);
        kubelet.shutdownNow();
        stopRunningCommands();
        client.close();
        server.destroy();
    }

    /** Stops the Jobs' commands still running, so that none outlives the cluster (a test's process). */
    private void stopRunningCommands() {
        running.forEach(process -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        });
        running.forEach(process -> process.onExit().join());
    }

    private static <T extends HasMetadata> ResourceEventHandler<T> on(Consumer<T> reconcile) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                reconcile.accept(object);
            }

            @Override
            public void onUpdate(T old, T object) {
                reconcile.accept(object);
            }

            @Override
            public void onDelete(T object, boolean unknownFinalStateUnknown) {}
        };
    }

    private void reconcile(Deployment d) {
        String image = image(d, d.getSpec().getTemplate());
        int desired = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        boolean crashes = image.contains("crashloop");
        boolean stuck = image.contains("stuck");
        syncPods(d, d.getSpec().getTemplate(), image, stuck ? 0 : desired, crashes);
        int available = crashes || stuck || image.contains("slow") ? 0 : available(d, desired);
        DeploymentStatusBuilder status = new DeploymentStatusBuilder()
                .withObservedGeneration(d.getMetadata().getGeneration())
                .withReplicas(desired)
                .withUpdatedReplicas(stuck ? 0 : desired)
                .withReadyReplicas(available)
                .withAvailableReplicas(available);
        if (stuck) {
            status.withConditions(new DeploymentConditionBuilder()
                    .withType("Progressing")
                    .withStatus("False")
                    .withReason("ProgressDeadlineExceeded")
                    .withMessage("ReplicaSet \"" + d.getMetadata().getName() + "-1\" has timed out progressing.")
                    .build());
        }
        DeploymentStatus wanted = status.build();
        if (!wanted.equals(d.getStatus())) {
            d.setStatus(wanted);
            ignoringConflicts(() -> client.apps().deployments().resource(d).updateStatus());
        }
    }

    private void reconcile(StatefulSet s) {
        String image = image(s, s.getSpec().getTemplate());
        int desired = s.getSpec().getReplicas() == null ? 1 : s.getSpec().getReplicas();
        syncPods(s, s.getSpec().getTemplate(), image, desired, false);
        int available = available(s, desired);
        StatefulSetStatus wanted = new StatefulSetStatusBuilder()
                .withObservedGeneration(s.getMetadata().getGeneration())
                .withReplicas(desired)
                .withUpdatedReplicas(desired)
                .withReadyReplicas(available)
                .withAvailableReplicas(available)
                .build();
        if (!wanted.equals(s.getStatus())) {
            s.setStatus(wanted);
            ignoringConflicts(() -> client.apps().statefulSets().resource(s).updateStatus());
        }
    }

    private void reconcile(Job job) {
        boolean finished = job.getStatus() != null
                && job.getStatus().getConditions() != null
                && !job.getStatus().getConditions().isEmpty();
        if (!finished && startedJobs.add(job.getMetadata().getUid())) {
            kubelet.submit(() -> run(job));
        }
    }

    private static String image(HasMetadata workload, PodTemplateSpec template) {
        var annotations = workload.getMetadata().getAnnotations();
        if (annotations != null && annotations.containsKey(POD_IMAGE)) {
            return annotations.get(POD_IMAGE);
        }
        return template.getSpec().getContainers().getFirst().getImage();
    }

    private static int available(HasMetadata workload, int desired) {
        var annotations = workload.getMetadata().getAnnotations();
        return annotations != null && annotations.containsKey(AVAILABLE)
                ? Integer.parseInt(annotations.get(AVAILABLE))
                : desired;
    }

    /** Keeps {@code count} pods of {@code image} (named after it), as a ReplicaSet would. */
    private void syncPods(HasMetadata workload, PodTemplateSpec template, String image, int count, boolean crashes) {
        String namespace = workload.getMetadata().getNamespace();
        String prefix = workload.getMetadata().getName() + "-" + Integer.toHexString(image.hashCode()) + "-";
        List<String> wanted = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            wanted.add(prefix + i);
        }
        for (Pod pod : client.pods()
                .inNamespace(namespace)
                .withLabels(template.getMetadata().getLabels())
                .list()
                .getItems()) {
            if (!wanted.remove(pod.getMetadata().getName())) {
                ignoringConflicts(() -> client.resource(pod).delete());
            }
        }
        for (String name : wanted) {
            Pod pod = pod(namespace, name, template, image, crashes);
            ignoringConflicts(() -> client.resource(pod).create());
        }
    }

    private static Pod pod(String namespace, String name, PodTemplateSpec template, String image, boolean crashes) {
        PodSpec spec = template.getSpec();
        List<Container> containers = spec.getContainers().stream()
                .map(c -> {
                    Container copy = new io.fabric8.kubernetes.api.model.ContainerBuilder(c).build();
                    copy.setImage(image);
                    return copy;
                })
                .toList();
        ContainerStatus status = crashes
                ? new ContainerStatusBuilder()
                        .withName(containers.getFirst().getName())
                        .withImage(image)
                        .withReady(false)
                        .withRestartCount(4)
                        .withNewState()
                        .withNewWaiting()
                        .withReason("CrashLoopBackOff")
                        .withMessage("back-off 1m20s restarting failed container="
                                + containers.getFirst().getName() + " pod=" + name)
                        .endWaiting()
                        .endState()
                        .build()
                : new ContainerStatusBuilder()
                        .withName(containers.getFirst().getName())
                        .withImage(image)
                        .withReady(true)
                        .withNewState()
                        .withNewRunning()
                        .endRunning()
                        .endState()
                        .build();
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .withLabels(template.getMetadata().getLabels())
                .endMetadata()
                .withNewSpecLike(spec)
                .withContainers(containers)
                .endSpec()
                .withNewStatus()
                .withPhase("Running")
                .withContainerStatuses(status)
                .endStatus()
                .build();
    }

    /** The kubelet's part of a Job: runs its command locally and reports the exit code. */
    private void run(Job job) {
        String namespace = job.getMetadata().getNamespace();
        Container container =
                job.getSpec().getTemplate().getSpec().getContainers().getFirst();
        long deadline = job.getSpec().getActiveDeadlineSeconds() == null
                ? 60
                : job.getSpec().getActiveDeadlineSeconds();
        int exitCode;
        try {
            ProcessBuilder builder = new ProcessBuilder(container.getCommand()).redirectErrorStream(true);
            builder.environment().putAll(environment(namespace, container));
            Process process = builder.start();
            running.add(process);
            try {
                process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                exitCode = process.waitFor(deadline, TimeUnit.SECONDS) ? process.exitValue() : -1;
            } finally {
                process.destroyForcibly();
                running.remove(process);
            }
        } catch (IOException e) {
            exitCode = 127;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        finish(job, container, exitCode);
    }

    private Map<String, String> environment(String namespace, Container container) {
        Map<String, String> environment = new HashMap<>();
        for (EnvFromSource source : container.getEnvFrom()) {
            Secret secret = client.secrets()
                    .inNamespace(namespace)
                    .withName(source.getSecretRef().getName())
                    .get();
            if (secret != null && secret.getStringData() != null) {
                environment.putAll(secret.getStringData());
            }
            if (secret != null && secret.getData() != null) {
                secret.getData()
                        .forEach((k, v) -> environment.put(
                                k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
            }
        }
        for (EnvVar variable : container.getEnv()) {
            environment.put(variable.getName(), variable.getValue());
        }
        return environment;
    }

    private void finish(Job job, Container container, int exitCode) {
        String namespace = job.getMetadata().getNamespace();
        String name = job.getMetadata().getName();
        Pod pod = new PodBuilder()
                .withNewMetadata()
                .withName(name + "-run")
                .withNamespace(namespace)
                .withLabels(Map.of("job-name", name))
                .endMetadata()
                .withNewSpec()
                .withContainers(container)
                .withRestartPolicy("Never")
                .endSpec()
                .withNewStatus()
                .withPhase(exitCode == 0 ? "Succeeded" : "Failed")
                .addNewContainerStatus()
                .withName(container.getName())
                .withImage(container.getImage())
                .withNewState()
                .withNewTerminated()
                .withExitCode(exitCode)
                .withReason(exitCode == 0 ? "Completed" : exitCode == -1 ? "DeadlineExceeded" : "Error")
                .endTerminated()
                .endState()
                .endContainerStatus()
                .endStatus()
                .build();
        ignoringConflicts(() -> client.resource(pod).create());
        job.setStatus(new JobStatusBuilder()
                .withConditions(new JobConditionBuilder()
                        .withType(exitCode == 0 ? "Complete" : "Failed")
                        .withStatus("True")
                        .withReason(exitCode == 0 ? null : "BackoffLimitExceeded")
                        .withMessage(exitCode == 0 ? null : "Job has reached the specified backoff limit")
                        .build())
                .withSucceeded(exitCode == 0 ? 1 : 0)
                .withFailed(exitCode == 0 ? 0 : 1)
                .build());
        job.getMetadata().setResourceVersion(null);
        ignoringConflicts(() -> client.batch().v1().jobs().resource(job).updateStatus());
    }

    /** A conflict or a gone object means a newer event reconciles again, or there is nothing left to do. */
    private static void ignoringConflicts(Runnable call) {
        try {
            call.run();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409 && e.getCode() != 404) {
                throw e;
            }
        }
    }
}
