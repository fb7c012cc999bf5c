package dev.stagecraft.deployer.driver.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.contracts.FailureReason;
import dev.stagecraft.deployer.driver.CheckResult;
import dev.stagecraft.deployer.driver.Hook;
import dev.stagecraft.deployer.driver.Spec;
import dev.stagecraft.deployer.driver.Target;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Judging an environment's workloads, and the names the driver gives what it makes. */
class ChecksTest {

    @Test
    void healthyWhenEveryWorkloadIsReadyAndRunsTheVersion() {
        assertThat(Checks.judge(List.of(web(2, 2, "1.0", "1.0")), "1.0", "shop-qa"))
                .isEqualTo(CheckResult.healthy("1.0", "Deployment/web: 2/2 updated, 2/2 ready, 2/2 available"));
    }

    @Test
    void partialWhenSomeButNotAllReplicasAreAvailable() {
        assertThat(Checks.judge(List.of(web(3, 1, "1.0")), "1.0", "shop-qa").failure())
                .isEqualTo(FailureReason.PARTIAL_AVAILABILITY);
        assertThat(Checks.judge(List.of(web(3, 0)), "1.0", "shop-qa").failure()).isEqualTo(FailureReason.GENERIC);
    }

    @Test
    void versionMismatchWhenReadyPodsRunAnotherTag() {
        assertThat(Checks.judge(List.of(web(2, 2, "1.0", "0.9")), "1.0", "shop-qa"))
                .isEqualTo(CheckResult.failed(
                        FailureReason.VERSION_MISMATCH,
                        "0.9",
                        "pods of Deployment/web run image tag '0.9' but version '1.0' was deployed"));
    }

    @Test
    void genericWhenNothingRunsOrAPodCannotRun() {
        assertThat(Checks.judge(List.of(), "1.0", "shop-qa"))
                .isEqualTo(CheckResult.failed(
                        FailureReason.GENERIC,
                        null,
                        "no Deployment or StatefulSet of the environment in namespace shop-qa"));
        WorkloadStatus crashing = new WorkloadStatus(
                "Deployment/web", 1, true, 1, 0, 0, "pod web-a: container web is waiting", List.of());
        assertThat(Checks.judge(List.of(crashing), "1.0", "shop-qa").failure()).isEqualTo(FailureReason.GENERIC);
    }

    @Test
    void theDefaultNamespaceIsAppDashEnvironmentAfterTheClustersPrefixAndMustBeADnsLabel() {
        var properties = KubernetesDriverProperties.of(
                Map.of("eu", new KubernetesDriverProperties.Cluster("https://eu.example", null, "sc-", false)));

        assertThat(KubernetesSettings.of(spec("qa", Map.of()), properties, "apply")
                        .namespace())
                .isEqualTo("shop-qa");
        assertThat(KubernetesSettings.of(spec("qa", Map.of("cluster", "eu")), properties, "apply")
                        .namespace())
                .isEqualTo("sc-shop-qa");
        assertThat(KubernetesSettings.of(spec("qa", Map.of("namespace", "shared")), properties, "apply")
                        .namespace())
                .isEqualTo("shared");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> KubernetesSettings.of(spec("a".repeat(59), Map.of()), properties, "apply"))
                .hasMessageEndingWith(
                        "cannot name a Kubernetes namespace (a DNS label: at most 63 characters of a-z, 0-9 and '-');"
                                + " set driverSettings.namespace to a shorter name");
    }

    @Test
    void hookJobNamesFitSixtyThreeCharactersAndChangeWithTheCommand() {
        Hook migrate = new Hook("pre-deploy", "./migrate", Duration.ofMinutes(5));
        Target longName = new Target("shop", "review-" + "x".repeat(46));

        String name = HookJobs.name(longName, migrate, "tools:1.0");

        assertThat(name).hasSizeLessThanOrEqualTo(63).matches("review-x+-pre-deploy-[0-9a-f]{8}");
        assertThat(HookJobs.name(longName, migrate, "tools:1.0")).isEqualTo(name);
        assertThat(HookJobs.name(
                        longName, new Hook("pre-deploy", "./migrate --all", Duration.ofMinutes(5)), "tools:1.0"))
                .isNotEqualTo(name);
    }

    private static WorkloadStatus web(int desired, int available, String... podTags) {
        return new WorkloadStatus(
                "Deployment/web",
                desired,
                true,
                desired,
                available,
                available,
                null,
                java.util.Arrays.stream(podTags).map(List::of).toList());
    }

    private static Spec spec(String environment, Map<String, String> settings) {
        return new Spec(new Target("shop", environment), "1.0", null, "kubernetes", Map.of(), Map.of(), settings);
    }
}
