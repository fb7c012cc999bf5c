package dev.stagecraft.deployer.driver.kubernetes;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import dev.stagecraft.contracts.FailureReason;
import dev.stagecraft.deployer.driver.DriverException;
import dev.stagecraft.deployer.driver.Spec;
import dev.stagecraft.deployer.driver.Steps;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Renders an application's chart with real Helm ({@code helm template} through helm-java): release name = the
 * environment, namespace = the environment's. Values are the public overrides ({@code --set} style, dotted keys
 * for nested values), then {@code image.tag} = the version, {@code image.repository} (when set) and
 * {@code stagecraft.secretName}, the Secret that holds the secret overrides: secret values never reach Helm.
 */
final class ChartRenderer {

    private ChartRenderer() {}

    static List<HasMetadata> render(Spec spec, KubernetesSettings settings, KubernetesClient client) {
        Path chart = chart(spec, settings);
        TemplateCommand template =
                new Helm(chart).template().withName(spec.target().environment()).withNamespace(settings.namespace());
        new TreeMap<>(spec.overrides()).forEach(template::set);
        template.set("image.tag", spec.version());
        if (settings.imageRepository() != null) {
            template.set("image.repository", settings.imageRepository());
        }
        template.set("stagecraft.secretName", Ownership.secretName(spec.target()));
        String manifests;
        try {
            manifests = template.call();
        } catch (RuntimeException e) {
            throw new DriverException(
                    Steps.APPLY, "helm could not render chart " + chart + ": " + e.getMessage() + "; fix the chart", e);
        }
        return parse(manifests, chart, client);
    }

    private static Path chart(Spec spec, KubernetesSettings settings) {
        if (settings.chart().isBlank()) {
            throw new DriverException(
                    Steps.APPLY,
                    FailureReason.GENERIC,
                    "the kubernetes driver needs driverSettings.chart (the path of the application's Helm chart, a"
                            + " directory or .tgz on the worker's file system); set it on application "
                            + spec.target().app());
        }
        Path chart = Path.of(settings.chart());
        if (!Files.exists(chart)) {
            throw new DriverException(
                    Steps.APPLY,
                    FailureReason.GENERIC,
                    "the chart " + chart.toAbsolutePath() + " (driverSettings.chart) does not exist on this worker;"
                            + " put the chart there or correct the path");
        }
        return chart;
    }

    private static List<HasMetadata> parse(String manifests, Path chart, KubernetesClient client) {
        try {
            return client.load(new ByteArrayInputStream(manifests.getBytes(StandardCharsets.UTF_8))).items().stream()
                    .filter(Objects::nonNull)
                    .toList();
        } catch (RuntimeException e) {
            throw new DriverException(
                    Steps.APPLY,
                    "the manifests that chart " + chart + " renders are not Kubernetes objects: " + e.getMessage(),
                    e);
        }
    }
}
