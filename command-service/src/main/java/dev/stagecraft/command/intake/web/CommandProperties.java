package dev.stagecraft.command.intake.web;

import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code stagecraft.command.*}.
 *
 * @param queryBaseUrl where query-service answers; {@code links.deployment} of a 202 answer points there
 */
@ConfigurationProperties("stagecraft.command")
record CommandProperties(@Nullable URI queryBaseUrl) {

    static final URI DEFAULT_QUERY_BASE_URL = URI.create("http://127.0.0.1:8081");

    CommandProperties {
        queryBaseUrl = queryBaseUrl == null ? DEFAULT_QUERY_BASE_URL : queryBaseUrl;
    }

    String deploymentUrl(Object deploymentId) {
        String base = String.valueOf(queryBaseUrl).replaceAll("/+$", "");
        return base + "/api/v1/deployments/" + deploymentId;
    }
}
