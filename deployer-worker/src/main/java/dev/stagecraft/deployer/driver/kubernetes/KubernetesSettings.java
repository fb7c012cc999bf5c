package dev.stagecraft.deployer.driver.kubernetes;

import dev.stagecraft.contracts.FailureReason;
import dev.stagecraft.deployer.driver.DriverException;
import dev.stagecraft.deployer.driver.Spec;
import dev.stagecraft.deployer.driver.Target;
import java.time.Duration;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.convert.DurationStyle;

/**
 * The {@code driverSettings} the kubernetes driver reads: {@code chart} (a chart directory or {@code .tgz} on the
 * worker's file system; required to deploy), {@code cluster} ({@code default}), {@code namespace}
 * ({@code <prefix><app>-<environment>}), {@code readyTimeout}, {@code imageRepository} (set as the chart's
 * {@code image.repository}) and {@code hookImage} (the image repository of hook Jobs; required for hooks).
 */
record KubernetesSettings(
        String chart,
        String cluster,
        String namespace,
        Duration readyTimeout,
        @Nullable String imageRepository,
        @Nullable String hookImage) {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    static KubernetesSettings of(Spec spec, KubernetesDriverProperties properties, String step) {
        String cluster = cluster(spec);
        String prefix = properties.clusters().containsKey(cluster)
                ? properties.clusters().get(cluster).prefix()
                : "";
        return new KubernetesSettings(
                spec.setting("chart", ""),
                cluster,
                namespace(spec.setting("namespace", defaultNamespace(prefix, spec.target())), step),
                readyTimeout(spec, properties.readyTimeout(), step),
                blankToNull(spec.setting("imageRepository", "")),
                blankToNull(spec.setting("hookImage", "")));
    }

    /** The settings of an environment whose spec is unknown (a cleanup of what was never deployed). */
    static KubernetesSettings defaults(Target target, KubernetesDriverProperties properties) {
        String prefix = properties.clusters().containsKey(KubernetesDriverProperties.DEFAULT_CLUSTER)
                ? properties
                        .clusters()
                        .get(KubernetesDriverProperties.DEFAULT_CLUSTER)
                        .prefix()
                : "";
        return new KubernetesSettings(
                "",
                KubernetesDriverProperties.DEFAULT_CLUSTER,
                defaultNamespace(prefix, target),
                properties.readyTimeout(),
                null,
                null);
    }

    static String cluster(Spec spec) {
        return spec.setting("cluster", KubernetesDriverProperties.DEFAULT_CLUSTER);
    }

    private static String defaultNamespace(String prefix, Target target) {
        return prefix + target.app() + "-" + target.environment();
    }

    private static String namespace(String namespace, String step) {
        if (namespace.length() > 63 || !DNS_LABEL.matcher(namespace).matches()) {
            throw new DriverException(
                    step,
                    FailureReason.GENERIC,
                    "'" + namespace + "' cannot name a Kubernetes namespace (a DNS label: at most 63 characters of"
                            + " a-z, 0-9 and '-'); set driverSettings.namespace to a shorter name");
        }
        return namespace;
    }

    private static Duration readyTimeout(Spec spec, Duration fallback, String step) {
        String text = spec.setting("readyTimeout", "");
        if (text.isBlank()) {
            return fallback;
        }
        try {
            return DurationStyle.detectAndParse(text);
        } catch (IllegalArgumentException e) {
            throw new DriverException(
                    step,
                    FailureReason.GENERIC,
                    "driverSettings.readyTimeout '" + text + "' is not a duration; write e.g. 5m or PT5M");
        }
    }

    private static @Nullable String blankToNull(String value) {
        return value.isBlank() ? null : value;
    }
}
