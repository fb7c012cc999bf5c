package dev.stagecraft.deployer.driver.kubernetes;

import dev.stagecraft.contracts.FailureReason;
import dev.stagecraft.deployer.driver.DriverException;
import dev.stagecraft.deployer.driver.Hook;
import dev.stagecraft.deployer.driver.Spec;
import dev.stagecraft.deployer.driver.StepReporter;
import dev.stagecraft.deployer.driver.Target;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Runs a plan hook as a Job {@code <env>-<step>-<hash>} in the environment's namespace: image
 * {@code <hookImage>:<version>}, command {@code sh -c <hook command>}, the secrets Secret as environment variables,
 * no retries, {@code activeDeadlineSeconds} = the hook's timeout. The hash covers version, image and command, so
 * running the same hook again finds the Job that already completed instead of running it twice; a Job of the same
 * hash that failed is replaced by a new run.
 */
final class HookJobs {

    /** How long replacing a failed hook Job waits for the old one to be gone. */
    private static final Duration DELETE_TIMEOUT = Duration.ofSeconds(60);

    private final KubernetesClient client;
    private final ApiCalls api;
    private final Polling polling;

    HookJobs(KubernetesClient client, ApiCalls api, Polling polling) {
        this.client = client;
        this.api = api;
        this.polling = polling;
    }

    void run(Spec spec, KubernetesSettings settings, Hook hook, StepReporter steps) {
        String image = image(spec, settings, hook);
        Job job = job(spec.target(), settings.namespace(), hook, image, spec.version());
        String name = job.getMetadata().getName();
        boolean earlier = earlierRun(name, settings.namespace(), hook.step());
        steps.running(hook.step(), "running Job " + name + " (" + image + "): " + hook.command());
        if (earlier) {
            steps.log(hook.step(), "Job " + name + " of an earlier attempt exists; waiting for it");
        } else {
            api.run(
                    hook.step(),
                    "creating the hook Job " + name,
                    () -> client.resource(job).create());
        }
        JobOutcome outcome = polling.until(
                hook.step(),
                hook.timeout(),
                () -> {
                    Job current = find(name, settings.namespace(), hook.step());
                    return current == null ? Optional.of(JobOutcome.gone()) : outcome(current);
                },
                () -> timedOut(name, settings.namespace(), hook));
        if (outcome.failed()) {
            throw new DriverException(
                    hook.step(),
                    FailureReason.GENERIC,
                    "the " + hook.step() + " hook failed: Job " + name + " " + outcome.message()
                            + podFailure(name, settings.namespace(), hook.step()));
        }
        steps.done(hook.step(), "Job " + name + " completed");
    }

    /** Whether a Job of this name runs or completed; one that failed is deleted, to be run again. */
    private boolean earlierRun(String name, String namespace, String step) {
        Job existing = find(name, namespace, step);
        if (existing == null) {
            return false;
        }
        if (outcome(existing).filter(JobOutcome::failed).isEmpty()) {
            return true;
        }
        api.run(
                step,
                "deleting the failed hook Job " + name,
                () -> client.resource(existing)
                        .withPropagationPolicy(DeletionPropagation.BACKGROUND)
                        .withTimeout(DELETE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                        .delete());
        return false;
    }

    private static String image(Spec spec, KubernetesSettings settings, Hook hook) {
        if (settings.hookImage() == null) {
            throw new DriverException(
                    hook.step(),
                    FailureReason.GENERIC,
                    "the kubernetes driver runs the " + hook.step()
                            + " hook as a Job and needs driverSettings.hookImage"
                            + " (an image repository; the version is its tag); set it on application "
                            + spec.target().app());
        }
        return settings.hookImage() + ":" + spec.version();
    }

    static Job job(Target target, String namespace, Hook hook, String image, String version) {
        Map<String, String> labels = new HashMap<>(Ownership.labels(target, Ownership.HOOK_JOB));
        labels.put(Ownership.HOOK, hook.step());
        return new JobBuilder()
                .withNewMetadata()
                .withName(name(target, hook, image))
                .withNamespace(namespace)
                .withLabels(labels)
                .withAnnotations(Map.of(Ownership.VERSION, version))
                .endMetadata()
                .withNewSpec()
                .withBackoffLimit(0)
                .withActiveDeadlineSeconds(Math.max(1, hook.timeout().toSeconds()))
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(labels)
                .endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .addNewContainer()
                .withName("hook")
                .withImage(image)
                .withCommand("sh", "-c", hook.command())
                .withEnv(
                        new EnvVar("STAGECRAFT_APP", target.app(), null),
                        new EnvVar("STAGECRAFT_ENVIRONMENT", target.environment(), null),
                        new EnvVar("STAGECRAFT_VERSION", version, null))
                .addNewEnvFrom()
                .withNewSecretRef()
                .withName(Ownership.secretName(target))
                .withOptional(true)
                .endSecretRef()
                .endEnvFrom()
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    /** {@code <env>-<step>-<hash>}, the environment cut so that the name fits 63 characters. */
    static String name(Target target, Hook hook, String image) {
        String hash = hash(image + "\n" + hook.command()).substring(0, 8);
        String suffix = "-" + hook.step() + "-" + hash;
        String env = target.environment();
        if (env.length() + suffix.length() > 63) {
            env = env.substring(0, 63 - suffix.length()).replaceAll("-+$", "");
        }
        return env + suffix;
    }

    private @Nullable Job find(String name, String namespace, String step) {
        return api.call(
                step,
                "reading the hook Job " + name,
                () -> client.batch()
                        .v1()
                        .jobs()
                        .inNamespace(namespace)
                        .withName(name)
                        .get());
    }

    private static Optional<JobOutcome> outcome(Job job) {
        List<JobCondition> conditions =
                job.getStatus() == null || job.getStatus().getConditions() == null
                        ? List.of()
                        : job.getStatus().getConditions();
        for (JobCondition c : conditions) {
            if ("True".equals(c.getStatus()) && ("Complete".equals(c.getType()) || "Failed".equals(c.getType()))) {
                String why = c.getReason() == null ? "" : ": " + c.getReason();
                String message = c.getMessage() == null ? "" : " (" + c.getMessage() + ")";
                return Optional.of(new JobOutcome("Failed".equals(c.getType()), "failed" + why + message));
            }
        }
        return Optional.empty();
    }

    private DriverException timedOut(String name, String namespace, Hook hook) {
        api.run(
                hook.step(),
                "deleting the hook Job " + name,
                () -> client.batch()
                        .v1()
                        .jobs()
                        .inNamespace(namespace)
                        .withName(name)
                        .withPropagationPolicy(DeletionPropagation.BACKGROUND)
                        .delete());
        return new DriverException(
                hook.step(),
                FailureReason.GENERIC,
                "the " + hook.step() + " hook did not finish within "
                        + hook.timeout().toSeconds() + "s; Job " + name + " was deleted");
    }

    /** What the Job's pods say about their failure, e.g. {@code ; pod x: container hook terminated: Error (exit code 3)}. */
    private String podFailure(String job, String namespace, String step) {
        List<Pod> pods = api.call(
                step,
                "listing the pods of Job " + job,
                () -> client.pods()
                        .inNamespace(namespace)
                        .withLabel("job-name", job)
                        .list()
                        .getItems());
        return pods.stream()
                .filter(pod -> pod.getStatus() != null && pod.getStatus().getContainerStatuses() != null)
                .flatMap(pod -> pod.getStatus().getContainerStatuses().stream()
                        .map(c -> terminated(pod, c))
                        .flatMap(Optional::stream))
                .collect(Collectors.joining());
    }

    private static Optional<String> terminated(Pod pod, ContainerStatus c) {
        if (c.getState() == null || c.getState().getTerminated() == null) {
            return Optional.empty();
        }
        var t = c.getState().getTerminated();
        return Optional.of("; pod " + pod.getMetadata().getName() + ": container " + c.getName() + " terminated: "
                + t.getReason() + " (exit code " + t.getExitCode() + ")");
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private record JobOutcome(boolean failed, String message) {

        static JobOutcome gone() {
            return new JobOutcome(true, "was deleted before it finished");
        }
    }
}
