package dev.stagecraft.deployer.driver.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.stagecraft.contracts.FailureReason;
import dev.stagecraft.deployer.driver.CheckResult;
import dev.stagecraft.deployer.driver.DeployResult;
import dev.stagecraft.deployer.driver.DriverException;
import dev.stagecraft.deployer.driver.Hook;
import dev.stagecraft.deployer.driver.Link;
import dev.stagecraft.deployer.driver.RecordingReporter;
import dev.stagecraft.deployer.driver.Spec;
import dev.stagecraft.deployer.driver.Steps;
import dev.stagecraft.deployer.driver.Target;
import dev.stagecraft.deployer.driver.TargetUnavailableException;
import dev.stagecraft.deployer.driver.Workload;
import dev.stagecraft.deployer.driver.kubernetes.KubernetesDriverProperties.Cluster;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The kubernetes driver against fabric8's mock API server (CRUD mode) with simulated controllers
 * ({@link SimulatedCluster}), rendering {@code src/test/resources/charts/demo} with real Helm; answers a CRUD
 * server cannot give (503, 403) come from the mock server in expectation mode.
 */
class KubernetesDriverIT {

    static SimulatedCluster cluster;
    static KubernetesDriver driver;
    static KubernetesClient kube;

    @BeforeAll
    static void start() throws IOException {
        cluster = SimulatedCluster.start();
        kube = cluster.client();
        driver = new KubernetesDriver(KubernetesDriverProperties.of(Map.of(
                        "sim", Cluster.at(cluster.masterUrl()), "down", Cluster.at("http://127.0.0.1:" + closedPort())))
                .withTimings(Duration.ofSeconds(30), Duration.ofMillis(100)));
    }

    @AfterAll
    static void stop() {
        driver.close();
        cluster.close();
    }

    @Test
    void aFirstDeployCreatesTheNamespaceTheSecretAndTheWorkloadsAndTheSameSpecAgainChangesNothing() {
        Spec spec = spec("review-1", "1.0.0", Map.of("greeting", "hi there", "ingress.host", "review-1.shop.example"));
        RecordingReporter steps = new RecordingReporter();

        DeployResult result = driver.deploy(spec, null, steps);

        assertThat(result.changed()).isTrue();
        assertThat(result.workload()).isEqualTo(new Workload(spec, null, null, null, "shop-review-1"));
        assertThat(steps.changes)
                .containsExactly(
                        "apply:RUNNING", "apply:DONE", "wait-ready:RUNNING", "wait-ready:DONE", "switch:SKIPPED");
        assertThat(steps.messages).contains("switch:SKIPPED Kubernetes rolls the new version out in place");
        Namespace namespace = kube.namespaces().withName("shop-review-1").get();
        assertThat(namespace.getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/managed-by", "stagecraft")
                .containsEntry("stagecraft.dev/app", "shop")
                .containsEntry("stagecraft.dev/environment", "review-1");
        Secret secret = kube.secrets()
                .inNamespace("shop-review-1")
                .withName("review-1-stagecraft-secrets")
                .get();
        assertThat(secret.getStringData()).containsExactly(Map.entry("DB_PASSWORD", "s3cret"));
        assertThat(secret.getMetadata().getLabels()).containsEntry("stagecraft.dev/environment", "review-1");
        Deployment web = deployment("shop-review-1", "review-1-web");
        var container = web.getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertThat(container.getImage()).isEqualTo("registry.example/demo:1.0.0");
        assertThat(container.getEnv())
                .anySatisfy(env -> assertThat(env.getValue()).isEqualTo("hi there"));
        assertThat(container.getEnvFrom().getFirst().getSecretRef().getName()).isEqualTo("review-1-stagecraft-secrets");
        assertThat(web.getMetadata().getLabels())
                .containsEntry("stagecraft.dev/environment", "review-1")
                .containsEntry("app.kubernetes.io/instance", "review-1");
        assertThat(web.getMetadata().getAnnotations()).containsEntry("stagecraft.dev/version", "1.0.0");
        assertThat(kube.persistentVolumeClaims()
                        .inNamespace("shop-review-1")
                        .withName("review-1-data")
                        .get())
                .isNotNull();
        assertThat(steps.everything()).noneMatch(line -> line.contains("s3cret"));
        assertThat(steps.logs)
                .contains("apply: applied Secret/review-1-stagecraft-secrets with the keys [DB_PASSWORD]");
        assertThat(driver.check(result.workload()))
                .isEqualTo(CheckResult.healthy("1.0.0", readySummary("review-1-web", 2)));
        assertThat(driver.info(result.workload()))
                .containsExactly(new Link("review-1.shop.example", "http://review-1.shop.example/"));

        RecordingReporter again = new RecordingReporter();
        DeployResult same = driver.deploy(spec, result.workload(), again);

        assertThat(same.changed()).isFalse();
        assertThat(same.workload()).isEqualTo(result.workload());
        assertThat(again.changes).containsExactly("apply:SKIPPED", "wait-ready:DONE", "switch:SKIPPED");
    }

    @Test
    void anUpdateRollsOutTheNewVersionAndDeletesWhatTheChartNoLongerRenders() {
        Workload v1 = driver.deploy(spec("review-2", "1.0.0", Map.of()), null, new RecordingReporter())
                .workload();
        assertThat(kube.network()
                        .v1()
                        .ingresses()
                        .inNamespace("shop-review-2")
                        .list()
                        .getItems())
                .hasSize(1);

        RecordingReporter steps = new RecordingReporter();
        Workload v2 = driver.deploy(spec("review-2", "1.1.0", Map.of("ingress.enabled", "false")), v1, steps)
                .workload();

        assertThat(kube.network()
                        .v1()
                        .ingresses()
                        .inNamespace("shop-review-2")
                        .list()
                        .getItems())
                .isEmpty();
        assertThat(steps.logs).contains("apply: deleted Ingress/review-2-web, which the chart no longer renders");
        assertThat(deployment("shop-review-2", "review-2-web")
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .getFirst()
                        .getImage())
                .isEqualTo("registry.example/demo:1.1.0");
        assertThat(kube.persistentVolumeClaims()
                        .inNamespace("shop-review-2")
                        .list()
                        .getItems())
                .hasSize(1);
        assertThat(kube.services().inNamespace("shop-review-2").list().getItems())
                .hasSize(1);
        assertThat(driver.check(v2)).isEqualTo(CheckResult.healthy("1.1.0", readySummary("review-2-web", 2)));
        assertThat(driver.info(v2)).isEmpty();
    }

    @Test
    void aVersionWhosePodsCrashLoopFailsWithThePodsReason() {
        Workload v1 = driver.deploy(spec("crash", "1.0.0", Map.of()), null, new RecordingReporter())
                .workload();
        Spec crashing = spec("crash", "2.0.0-crashloop", Map.of());
        RecordingReporter steps = new RecordingReporter();

        assertThatThrownBy(() -> driver.deploy(crashing, v1, steps))
                .isInstanceOfSatisfying(DriverException.class, e -> {
                    assertThat(e.step()).isEqualTo(Steps.WAIT_READY);
                    assertThat(e.reason()).isEqualTo(FailureReason.GENERIC);
                })
                .hasMessageStartingWith("Deployment/crash-web: pod crash-web-")
                .hasMessageContaining(": container web is waiting: CrashLoopBackOff: back-off 1m20s restarting");
        assertThat(steps.changes).containsExactly("apply:RUNNING", "apply:DONE", "wait-ready:RUNNING");
        CheckResult check = driver.check(new Workload(crashing, null, null, null, "shop-crash"));
        assertThat(check.failure()).isEqualTo(FailureReason.GENERIC);
        assertThat(check.message()).contains("CrashLoopBackOff");
    }

    @Test
    void aDeploymentPastItsProgressDeadlineFails() {
        assertThatThrownBy(() -> driver.deploy(spec("stuck", "3.0.0-stuck", Map.of()), null, new RecordingReporter()))
                .isInstanceOfSatisfying(
                        DriverException.class, e -> assertThat(e.step()).isEqualTo(Steps.WAIT_READY))
                .hasMessage("Deployment/stuck-web: ProgressDeadlineExceeded, the rollout made no progress within its"
                        + " deadline: ReplicaSet \"stuck-web-1\" has timed out progressing.");
    }

    @Test
    void aRolloutThatDoesNotFinishInTimeFails() {
        Spec spec = spec("slow", "1.0.0-slow", Map.of(), Map.of("readyTimeout", "1s"));

        assertThatThrownBy(() -> driver.deploy(spec, null, new RecordingReporter()))
                .isInstanceOfSatisfying(
                        DriverException.class, e -> assertThat(e.step()).isEqualTo(Steps.WAIT_READY))
                .hasMessage("the workloads of namespace shop-slow were not ready within 1s: Deployment/slow-web:"
                        + " 2/2 updated, 0/2 ready, 0/2 available");
    }

    @Test
    void archiveScalesToZeroKeepingTheClaimAndRestoreScalesBack() {
        Workload running = driver.deploy(
                        spec("qa", "1.0.0", Map.of("replicaCount", "3")), null, new RecordingReporter())
                .workload();

        RecordingReporter archiving = new RecordingReporter();
        Workload archived = driver.archive(running, archiving);

        assertThat(archived).isEqualTo(running);
        assertThat(archiving.changes).containsExactly("stop:RUNNING", "stop:DONE");
        assertThat(archiving.messages)
                .contains("stop:DONE scaled to zero: Deployment/qa-web: 3 → 0; the PersistentVolumeClaims of"
                        + " namespace shop-qa are kept");
        Deployment web = deployment("shop-qa", "qa-web");
        assertThat(web.getSpec().getReplicas()).isZero();
        assertThat(web.getMetadata().getAnnotations()).containsEntry("stagecraft.dev/archived-replicas", "3");
        assertThat(kube.pods().inNamespace("shop-qa").list().getItems()).isEmpty();
        assertThat(kube.persistentVolumeClaims()
                        .inNamespace("shop-qa")
                        .withName("qa-data")
                        .get())
                .isNotNull();
        assertThat(driver.check(archived))
                .isEqualTo(CheckResult.failed(
                        FailureReason.GENERIC, null, "every workload of namespace shop-qa is scaled to zero"));
        assertThat(driver.archive(archived, new RecordingReporter())).isEqualTo(archived);
        assertThat(deployment("shop-qa", "qa-web").getMetadata().getAnnotations())
                .containsEntry("stagecraft.dev/archived-replicas", "3");

        RecordingReporter restoring = new RecordingReporter();
        DeployResult restored = driver.restore(archived, restoring);

        assertThat(restoring.changes)
                .containsExactly("apply:RUNNING", "apply:DONE", "wait-ready:RUNNING", "wait-ready:DONE");
        assertThat(restoring.messages).contains("apply:DONE scaled back: Deployment/qa-web: 0 → 3");
        web = deployment("shop-qa", "qa-web");
        assertThat(web.getSpec().getReplicas()).isEqualTo(3);
        assertThat(web.getMetadata().getAnnotations()).doesNotContainKey("stagecraft.dev/archived-replicas");
        assertThat(kube.pods().inNamespace("shop-qa").list().getItems()).hasSize(3);
        assertThat(driver.check(restored.workload()))
                .isEqualTo(CheckResult.healthy("1.0.0", readySummary("qa-web", 3)));
    }

    @Test
    void cleanupDeletesTheNamespace() {
        Workload running = driver.deploy(spec("gone", "1.0.0", Map.of()), null, new RecordingReporter())
                .workload();

        RecordingReporter steps = new RecordingReporter();
        driver.cleanup(running.spec().target(), running, steps);

        assertThat(kube.namespaces().withName("shop-gone").get()).isNull();
        assertThat(steps.changes).containsExactly("stop:SKIPPED", "delete:RUNNING", "delete:DONE");
        assertThat(steps.messages).contains("delete:DONE deleted namespace shop-gone");
        RecordingReporter again = new RecordingReporter();
        driver.cleanup(running.spec().target(), running, again);
        assertThat(again.messages).contains("delete:DONE namespace shop-gone was already gone");
        assertThat(driver.check(running))
                .isEqualTo(CheckResult.failed(FailureReason.GENERIC, null, "namespace shop-gone does not exist"));
    }

    @Test
    void checkTellsPartialAvailabilityAndAVersionMismatch() {
        Workload running = driver.deploy(
                        spec("checked", "1.0.0", Map.of("replicaCount", "3")), null, new RecordingReporter())
                .workload();
        annotate("shop-checked", "checked-web", SimulatedCluster.AVAILABLE, "1");

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(driver.check(running))
                        .isEqualTo(CheckResult.failed(
                                FailureReason.PARTIAL_AVAILABILITY,
                                null,
                                "1 of 3 replicas available: Deployment/checked-web: 3/3 updated, 1/3 ready,"
                                        + " 1/3 available")));

        annotate("shop-checked", "checked-web", SimulatedCluster.AVAILABLE, "3");
        annotate("shop-checked", "checked-web", SimulatedCluster.POD_IMAGE, "registry.example/demo:0.9.0");

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(driver.check(running))
                        .isEqualTo(CheckResult.failed(
                                FailureReason.VERSION_MISMATCH,
                                "0.9.0",
                                "pods of Deployment/checked-web run image tag '0.9.0' but version '1.0.0' was"
                                        + " deployed")));
    }

    @Test
    void hooksRunAsJobsWithTheSecretsAndFailWithTheExitCode() {
        Spec spec = spec("hooked", "1.0.0", Map.of(), Map.of("hookImage", "registry.example/demo-tools"));
        RecordingReporter steps = new RecordingReporter();

        driver.runHook(
                spec,
                new Hook(
                        Steps.PRE_DEPLOY,
                        "printf %s \"$DB_PASSWORD\" | grep -qx 's3c[r]et' && test \"$STAGECRAFT_VERSION\" = 1.0.0",
                        Duration.ofSeconds(20)),
                steps);

        assertThat(steps.changes).containsExactly("pre-deploy:RUNNING", "pre-deploy:DONE");
        Job job = kube.batch()
                .v1()
                .jobs()
                .inNamespace("shop-hooked")
                .list()
                .getItems()
                .getFirst();
        assertThat(job.getMetadata().getName()).matches("hooked-pre-deploy-[0-9a-f]{8}");
        assertThat(job.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .getFirst()
                        .getImage())
                .isEqualTo("registry.example/demo-tools:1.0.0");
        assertThat(steps.everything()).noneMatch(line -> line.contains("s3cret"));

        assertThatThrownBy(() -> driver.runHook(
                        spec,
                        new Hook(Steps.POST_DEPLOY, "echo broken; exit 3", Duration.ofSeconds(20)),
                        new RecordingReporter()))
                .isInstanceOfSatisfying(
                        DriverException.class, e -> assertThat(e.step()).isEqualTo(Steps.POST_DEPLOY))
                .hasMessageMatching("the post-deploy hook failed: Job hooked-post-deploy-[0-9a-f]{8} failed:"
                        + " BackoffLimitExceeded \\(Job has reached the specified backoff limit\\); pod"
                        + " hooked-post-deploy-[0-9a-f]{8}-run: container hook terminated: Error \\(exit code 3\\)");

        assertThatThrownBy(() -> driver.runHook(
                        spec, new Hook(Steps.POST_DEPLOY, "sleep 20", Duration.ofSeconds(1)), new RecordingReporter()))
                .isInstanceOf(DriverException.class)
                .hasMessageMatching("the post-deploy hook did not finish within 1s; Job hooked-post-deploy-[0-9a-f]{8}"
                        + " was deleted");

        assertThatThrownBy(() -> driver.runHook(
                        spec("hooked", "1.0.0", Map.of()),
                        new Hook(Steps.PRE_DEPLOY, "true", Duration.ofSeconds(5)),
                        new RecordingReporter()))
                .isInstanceOf(DriverException.class)
                .hasMessage("the kubernetes driver runs the pre-deploy hook as a Job and needs driverSettings.hookImage"
                        + " (an image repository; the version is its tag); set it on application shop");
    }

    @Test
    void anUnreachableApiServerIsATransientFailure() {
        Spec spec = spec("down", "1.0.0", Map.of(), Map.of("cluster", "down"));

        assertThat(driver.cluster(spec)).isEqualTo("kubernetes:down");
        assertThatThrownBy(() -> driver.deploy(spec, null, new RecordingReporter()))
                .isInstanceOfSatisfying(
                        TargetUnavailableException.class,
                        e -> assertThat(e.step()).isEqualTo(Steps.APPLY))
                .hasMessageStartingWith("the Kubernetes API server of cluster down is unavailable (")
                .hasMessageEndingWith(") while reading namespace shop-down; try again when it is back");
        assertThatThrownBy(() -> driver.check(new Workload(spec, null, null, null, "shop-down")))
                .isInstanceOf(TargetUnavailableException.class);
    }

    @Test
    void anApiServerAnswering5xxIsUnavailableAndOneThatForbidsIsAVerdict() {
        KubernetesMockServer server = new KubernetesMockServer(false);
        server.init();
        server.expect()
                .get()
                .withPath("/api/v1/namespaces/shop-busy")
                .andReturn(
                        503, status(503, "ServiceUnavailable", "the server is currently unable to handle the request"))
                .always();
        server.expect()
                .get()
                .withPath("/api/v1/namespaces/shop-locked")
                .andReturn(
                        403,
                        status(
                                403,
                                "Forbidden",
                                "namespaces \"shop-locked\" is forbidden: User \"system:serviceaccount:ci:deployer\""
                                        + " cannot get resource \"namespaces\""))
                .always();
        try (KubernetesDriver strict = new KubernetesDriver(KubernetesDriverProperties.of(
                Map.of("strict", Cluster.at("http://" + server.getHostName() + ":" + server.getPort()))))) {
            assertThatThrownBy(() -> strict.deploy(
                            spec("busy", "1.0.0", Map.of(), Map.of("cluster", "strict")),
                            null,
                            new RecordingReporter()))
                    .isInstanceOf(TargetUnavailableException.class)
                    .hasMessage("the Kubernetes API server of cluster strict is unavailable (the server is currently"
                            + " unable to handle the request) while reading namespace shop-busy; try again when it is"
                            + " back");
            assertThatThrownBy(() -> strict.deploy(
                            spec("locked", "1.0.0", Map.of(), Map.of("cluster", "strict")),
                            null,
                            new RecordingReporter()))
                    .isNotInstanceOf(TargetUnavailableException.class)
                    .isInstanceOfSatisfying(
                            DriverException.class, e -> assertThat(e.step()).isEqualTo(Steps.APPLY))
                    .hasMessage("the Kubernetes API server of cluster strict refused reading namespace shop-locked"
                            + " (403 namespaces \"shop-locked\" is forbidden: User"
                            + " \"system:serviceaccount:ci:deployer\" cannot get resource \"namespaces\"); grant the"
                            + " worker's credentials that permission in cluster strict");
        } finally {
            server.destroy();
        }
    }

    @Test
    void settingsThatCannotWorkFailWithWhatToDo() {
        assertThatThrownBy(() -> driver.deploy(
                        spec("nochart", "1.0.0", Map.of(), Map.of("chart", "")), null, new RecordingReporter()))
                .isInstanceOf(DriverException.class)
                .hasMessage("the kubernetes driver needs driverSettings.chart (the path of the application's Helm"
                        + " chart, a directory or .tgz on the worker's file system); set it on application shop");
        assertThatThrownBy(() -> driver.deploy(
                        spec("nochart", "1.0.0", Map.of(), Map.of("cluster", "elsewhere")),
                        null,
                        new RecordingReporter()))
                .isInstanceOf(DriverException.class)
                .hasMessage("this worker knows no Kubernetes cluster 'elsewhere' (it knows default, down, sim); set"
                        + " driverSettings.cluster to one of them or configure"
                        + " stagecraft.deployer.kubernetes.clusters.elsewhere.master-url");
    }

    private static String readySummary(String deployment, int replicas) {
        String r = Integer.toString(replicas);
        return "Deployment/" + deployment + ": " + r + "/" + r + " updated, " + r + "/" + r + " ready, " + r + "/" + r
                + " available";
    }

    private static Status status(int code, String reason, String message) {
        return new StatusBuilder()
                .withStatus("Failure")
                .withCode(code)
                .withReason(reason)
                .withMessage(message)
                .build();
    }

    private static Deployment deployment(String namespace, String name) {
        return kube.apps().deployments().inNamespace(namespace).withName(name).get();
    }

    /** A merge patch: no read first, so it does not race the simulated controllers' status updates. */
    private static void annotate(String namespace, String name, String key, String value) {
        kube.apps()
                .deployments()
                .inNamespace(namespace)
                .withName(name)
                .patch(
                        PatchContext.of(PatchType.JSON_MERGE),
                        "{\"metadata\":{\"annotations\":{\"" + key + "\":\"" + value + "\"}}}");
    }

    static Spec spec(String environment, String version, Map<String, String> overrides) {
        return spec(environment, version, overrides, Map.of());
    }

    static Spec spec(String environment, String version, Map<String, String> overrides, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(Map.of("chart", chart().toString(), "cluster", "sim"));
        all.putAll(settings);
        return new Spec(
                new Target("shop", environment),
                version,
                null,
                KubernetesDriver.NAME,
                overrides,
                Map.of("DB_PASSWORD", "s3cret"),
                all);
    }

    static Path chart() {
        return SimulatedCluster.demoChart();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
