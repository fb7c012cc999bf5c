package dev.stagecraft.command.webhook;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code stagecraft.webhooks.git.*}.
 *
 * @param secret the web hook's secret as set in GitHub (env {@code STAGECRAFT_WEBHOOKS_GIT_SECRET}); unset, the
 *     endpoint answers 503 and deploys nothing, since an unsigned push must never deploy
 * @param versionTemplate how a pushed commit becomes a version: {@code {sha}}, {@code {shortSha}} (7 characters)
 *     and {@code {branch}} are replaced
 */
@ConfigurationProperties("stagecraft.webhooks.git")
record GitWebhookProperties(@Nullable String secret, String versionTemplate) {

    static final String DEFAULT_VERSION_TEMPLATE = "{shortSha}";

    GitWebhookProperties {
        secret = secret == null || secret.isBlank() ? null : secret;
        versionTemplate =
                versionTemplate == null || versionTemplate.isBlank() ? DEFAULT_VERSION_TEMPLATE : versionTemplate;
    }

    boolean configured() {
        return secret != null;
    }

    /** The version a pushed commit gets. */
    String version(String sha, String branch) {
        return versionTemplate
                .replace("{shortSha}", sha.substring(0, Math.min(7, sha.length())))
                .replace("{sha}", sha)
                .replace("{branch}", branch);
    }
}
