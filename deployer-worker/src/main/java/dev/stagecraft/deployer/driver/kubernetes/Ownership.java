package dev.stagecraft.deployer.driver.kubernetes;

import dev.stagecraft.deployer.driver.Target;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Map;

/**
 * The labels and annotations that mark what Stagecraft made in a cluster: every object carries
 * {@code app.kubernetes.io/managed-by=stagecraft}, {@code stagecraft.dev/app}, {@code stagecraft.dev/environment}
 * and {@code stagecraft.dev/component} ({@code chart} for what the chart rendered, {@code secrets}, {@code hook}).
 */
final class Ownership {

    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String STAGECRAFT = "stagecraft";
    static final String APP = "stagecraft.dev/app";
    static final String ENVIRONMENT = "stagecraft.dev/environment";
    static final String COMPONENT = "stagecraft.dev/component";
    static final String HOOK = "stagecraft.dev/hook";
    /** The version that applied an object. */
    static final String VERSION = "stagecraft.dev/version";
    /** On a Deployment or StatefulSet scaled to zero by an archive: its replicas before. */
    static final String ARCHIVED_REPLICAS = "stagecraft.dev/archived-replicas";

    static final String CHART = "chart";
    static final String SECRETS = "secrets";
    static final String HOOK_JOB = "hook";

    private Ownership() {}

    static Map<String, String> labels(Target target, String component) {
        return Map.of(
                MANAGED_BY, STAGECRAFT, APP, target.app(), ENVIRONMENT, target.environment(), COMPONENT, component);
    }

    /** Selects what the chart of {@code target} rendered. */
    static Map<String, String> chartSelector(Target target) {
        return Map.of(ENVIRONMENT, target.environment(), COMPONENT, CHART);
    }

    /** Selects everything of {@code target}. */
    static Map<String, String> environmentSelector(Target target) {
        return Map.of(MANAGED_BY, STAGECRAFT, APP, target.app(), ENVIRONMENT, target.environment());
    }

    /** Whether {@code object} (a namespace) was made by Stagecraft for {@code target}. */
    static boolean ownedBy(HasMetadata object, Target target) {
        Map<String, String> labels = object.getMetadata().getLabels();
        return labels != null
                && STAGECRAFT.equals(labels.get(MANAGED_BY))
                && target.app().equals(labels.get(APP))
                && target.environment().equals(labels.get(ENVIRONMENT));
    }

    /** {@code Kind/name}, as people name Kubernetes objects. */
    static String name(HasMetadata object) {
        return object.getKind() + "/" + object.getMetadata().getName();
    }

    static String secretName(Target target) {
        return target.environment() + "-stagecraft-secrets";
    }
}
