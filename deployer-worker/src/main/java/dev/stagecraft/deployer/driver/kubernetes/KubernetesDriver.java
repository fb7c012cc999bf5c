package dev.stagecraft.deployer.driver.kubernetes;

import dev.stagecraft.contracts.FailureReason;
import dev.stagecraft.deployer.driver.CheckResult;
import dev.stagecraft.deployer.driver.DeployResult;
import dev.stagecraft.deployer.driver.Driver;
import dev.stagecraft.deployer.driver.DriverException;
import dev.stagecraft.deployer.driver.Hook;
import dev.stagecraft.deployer.driver.Link;
import dev.stagecraft.deployer.driver.Spec;
import dev.stagecraft.deployer.driver.StepReporter;
import dev.stagecraft.deployer.driver.Steps;
import dev.stagecraft.deployer.driver.Target;
import dev.stagecraft.deployer.driver.Workload;
import dev.stagecraft.deployer.secret.Redactor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Deploys an application's Helm chart into a Kubernetes namespace of its own (DESIGN §5, {@code kubernetes}):
 * renders it with real Helm (helm-java), applies the objects with the fabric8 client, deletes what the chart no
 * longer renders, and waits for the rollout as kubedog does. Kubernetes replaces the pods in place, so there is
 * no separate switch. Archive scales the workloads to zero keeping the PersistentVolumeClaims; cleanup deletes the
 * namespace. The workload it records has no process: its location is the namespace.
 */
@Component
public class KubernetesDriver implements Driver, AutoCloseable {

    public static final String NAME = "kubernetes";
    private static final String CHECK = "check";

    private final KubernetesDriverProperties properties;
    private final KubernetesClusters clusters;
    private final Polling polling;

    public KubernetesDriver(KubernetesDriverProperties properties) {
        this.properties = properties;
        this.clusters = new KubernetesClusters(properties);
        this.polling = new Polling(properties.pollInterval());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String cluster(Spec spec) {
        return NAME + ":" + KubernetesSettings.cluster(spec);
    }

    @Override
    public DeployResult deploy(Spec desired, @Nullable Workload current, StepReporter steps) {
        Session session = session(desired, Steps.APPLY);
        if (current != null && current.spec().equals(desired)) {
            Optional<CheckResult> healthy = healthy(session, desired);
            if (healthy.isPresent()) {
                steps.skipped(
                        Steps.APPLY,
                        "version " + desired.version() + " already runs with this spec in " + session.where()
                                + "; nothing to change");
                steps.done(Steps.WAIT_READY, "ready: " + healthy.get().message());
                steps.skipped(Steps.SWITCH, "nothing to switch");
                return DeployResult.unchanged(current);
            }
        }
        apply(desired, session, steps);
        awaitReady(session, Steps.WAIT_READY, steps);
        steps.skipped(Steps.SWITCH, "Kubernetes rolls the new version out in place");
        return DeployResult.changed(workload(desired, session));
    }

    @Override
    public Workload archive(Workload current, StepReporter steps) {
        Session session = session(current.spec(), Steps.STOP);
        steps.running(Steps.STOP, "scaling the Deployments and StatefulSets of " + session.where() + " to zero");
        if (!session.namespaceExists(Steps.STOP)) {
            steps.done(Steps.STOP, "namespace " + session.namespace() + " does not exist; nothing runs");
            return current.stopped();
        }
        List<String> scaled = session.scaling().toZero(Steps.STOP);
        scaled.forEach(line -> steps.log(Steps.STOP, line));
        session.rollouts().await(Steps.STOP, session.settings().readyTimeout(), polling, steps);
        steps.done(
                Steps.STOP,
                (scaled.isEmpty() ? "nothing was running" : "scaled to zero: " + String.join(", ", scaled))
                        + "; the PersistentVolumeClaims of namespace " + session.namespace() + " are kept");
        return current.stopped();
    }

    @Override
    public DeployResult restore(Workload archived, StepReporter steps) {
        Spec spec = archived.spec();
        Session session = session(spec, Steps.APPLY);
        if (session.namespaceExists(Steps.APPLY)) {
            steps.running(Steps.APPLY, "scaling the workloads of " + session.where() + " back to their replicas");
            List<String> scaled = session.scaling().back(Steps.APPLY);
            steps.done(
                    Steps.APPLY,
                    scaled.isEmpty()
                            ? "no workload was scaled to zero by an archive"
                            : "scaled back: " + String.join(", ", scaled));
        } else {
            apply(spec, session, steps);
        }
        awaitReady(session, Steps.WAIT_READY, steps);
        return DeployResult.changed(workload(spec, session));
    }

    @Override
    public void cleanup(Target target, @Nullable Workload current, StepReporter steps) {
        Session session = current != null
                ? session(current.spec(), Steps.DELETE)
                : session(target, KubernetesSettings.defaults(target, properties), Redactor.none(), Steps.DELETE);
        String namespace = session.namespace();
        steps.skipped(Steps.STOP, "deleting namespace " + namespace + " stops every workload in it");
        steps.running(Steps.DELETE, "deleting " + session.where());
        Namespace existing = session.namespaces().find(namespace, Steps.DELETE);
        if (existing == null) {
            steps.done(Steps.DELETE, "namespace " + namespace + " was already gone");
        } else if (Ownership.ownedBy(existing, target)) {
            deleteNamespace(session, existing);
            steps.done(Steps.DELETE, "deleted namespace " + namespace);
        } else {
            List<String> deleted = session.applier().deleteAll(Steps.DELETE);
            steps.done(
                    Steps.DELETE,
                    "namespace " + namespace + " was not created by Stagecraft, so it is kept; deleted the "
                            + deleted.size() + " objects of " + target + " in it");
        }
    }

    @Override
    public void runHook(Spec desired, Hook hook, StepReporter steps) {
        Session session = session(desired, hook.step());
        session.namespaces().ensure(desired.target(), session.namespace(), hook.step());
        session.namespaces().applySecrets(desired.target(), session.namespace(), desired.secrets(), hook.step());
        new HookJobs(session.client(), session.api(), polling).run(desired, session.settings(), hook, steps);
    }

    @Override
    public CheckResult check(Workload current) {
        Session session = session(current.spec(), CHECK);
        if (!session.namespaceExists(CHECK)) {
            return CheckResult.failed(
                    FailureReason.GENERIC, null, "namespace " + session.namespace() + " does not exist");
        }
        return Checks.judge(session.rollouts().read(CHECK), current.spec().version(), session.namespace());
    }

    @Override
    public List<Link> info(Workload current) {
        Session session = session(current.spec(), CHECK);
        var client = session.client();
        String namespace = session.namespace();
        var selector = Ownership.chartSelector(current.spec().target());
        return session.api()
                .call(
                        CHECK,
                        "listing the Ingresses and Services of namespace " + namespace,
                        () -> Links.of(
                                client.network()
                                        .v1()
                                        .ingresses()
                                        .inNamespace(namespace)
                                        .withLabels(selector)
                                        .list()
                                        .getItems(),
                                client.services()
                                        .inNamespace(namespace)
                                        .withLabels(selector)
                                        .list()
                                        .getItems()));
    }

    @Override
    public void close() {
        clusters.close();
    }

    private Optional<CheckResult> healthy(Session session, Spec desired) {
        if (!session.namespaceExists(Steps.APPLY)) {
            return Optional.empty();
        }
        CheckResult check = Checks.judge(session.rollouts().read(Steps.APPLY), desired.version(), session.namespace());
        return check.isHealthy() ? Optional.of(check) : Optional.empty();
    }

    /** The {@code apply} step: render, namespace, secrets, apply, prune. */
    private void apply(Spec spec, Session session, StepReporter steps) {
        steps.running(
                Steps.APPLY,
                "rendering chart " + session.settings().chart() + " as release "
                        + spec.target().environment() + " into " + session.where());
        List<HasMetadata> objects = ChartRenderer.render(spec, session.settings(), session.client());
        Namespaces namespaces = session.namespaces();
        if (namespaces.ensure(spec.target(), session.namespace(), Steps.APPLY)) {
            steps.log(Steps.APPLY, "created namespace " + session.namespace());
        }
        HasMetadata secret = namespaces.applySecrets(spec.target(), session.namespace(), spec.secrets(), Steps.APPLY);
        steps.log(
                Steps.APPLY,
                "applied " + Ownership.name(secret) + " with the keys "
                        + new TreeSet<>(spec.secrets().keySet()));
        ChartApplier applier = session.applier();
        List<String> applied = applier.apply(objects, spec.version());
        applied.forEach(name -> steps.log(Steps.APPLY, "applied " + name));
        List<String> pruned = applier.prune(applied);
        pruned.forEach(name -> steps.log(Steps.APPLY, "deleted " + name + ", which the chart no longer renders"));
        steps.done(
                Steps.APPLY,
                "applied " + applied.size() + " objects of version " + spec.version() + " to " + session.where()
                        + (pruned.isEmpty() ? "" : "; deleted " + ChartApplier.summary(pruned)));
    }

    private void awaitReady(Session session, String step, StepReporter steps) {
        steps.running(
                step,
                "waiting up to " + session.settings().readyTimeout().toSeconds() + "s for the rollout in "
                        + session.where());
        List<WorkloadStatus> ready =
                session.rollouts().await(step, session.settings().readyTimeout(), polling, steps);
        steps.done(
                step,
                ready.isEmpty()
                        ? "the chart has no Deployment or StatefulSet to wait for"
                        : "ready: "
                                + ready.stream().map(WorkloadStatus::summary).collect(Collectors.joining("; ")));
    }

    private void deleteNamespace(Session session, Namespace namespace) {
        String name = namespace.getMetadata().getName();
        session.api()
                .run(
                        Steps.DELETE,
                        "deleting namespace " + name,
                        () -> session.client().resource(namespace).delete());
        polling.until(
                Steps.DELETE,
                properties.deleteTimeout(),
                () -> session.namespaceExists(Steps.DELETE) ? Optional.empty() : Optional.of(true),
                () -> new DriverException(
                        Steps.DELETE,
                        FailureReason.GENERIC,
                        "namespace " + name + " is still terminating after "
                                + properties.deleteTimeout().toSeconds()
                                + "s; look at what holds it (finalizers) with kubectl get namespace " + name
                                + " -o yaml"));
    }

    private Session session(Spec spec, String step) {
        return session(
                spec.target(),
                KubernetesSettings.of(spec, properties, step),
                Redactor.of(spec.secrets().values()),
                step);
    }

    private Session session(Target target, KubernetesSettings settings, Redactor redactor, String step) {
        return new Session(
                target,
                settings,
                clusters.client(settings.cluster(), step),
                new ApiCalls(settings.cluster(), redactor));
    }

    private static Workload workload(Spec spec, Session session) {
        return new Workload(spec, null, null, null, session.namespace());
    }
}
