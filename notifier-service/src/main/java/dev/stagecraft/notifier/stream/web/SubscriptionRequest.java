package dev.stagecraft.notifier.stream.web;

import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.notifier.stream.EventFilter;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

/** Reads the filter of {@code /ws/events?app=&environment=&deploymentId=} from the handshake URI. */
final class SubscriptionRequest {

    private SubscriptionRequest() {}

    /** The filter asked for; throws {@link IllegalArgumentException} with a sentence naming a bad parameter. */
    static EventFilter filterOf(URI uri) {
        MultiValueMap<String, String> query =
                UriComponentsBuilder.fromUri(uri).build().getQueryParams();
        return new EventFilter(parameter(query, "app"), parameter(query, "environment"), deploymentId(query));
    }

    private static @Nullable DeploymentId deploymentId(Map<String, List<String>> query) {
        String text = parameter(query, "deploymentId");
        if (text == null) {
            return null;
        }
        try {
            return DeploymentId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "deploymentId '" + text + "' is not a UUID; pass the id of a deployment, or leave it out");
        }
    }

    private static @Nullable String parameter(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty() || values.getFirst() == null) {
            return null;
        }
        String value =
                URLDecoder.decode(values.getFirst(), StandardCharsets.UTF_8).strip();
        return value.isEmpty() ? null : value;
    }
}
