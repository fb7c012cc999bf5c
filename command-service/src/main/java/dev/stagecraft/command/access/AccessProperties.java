package dev.stagecraft.command.access;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code stagecraft.auth.*}.
 *
 * @param bootstrapAdminToken an API token that user {@code admin} (role admin) holds from start-up on, so that a
 *     fresh installation has someone who can create the other users; unset = no such token is ensured
 * @param serviceToken the token command-service sends as {@code Authorization: Bearer …} when it calls query-service,
 *     and accepts itself as user {@code system:command-service} (viewer); unset = a random one per start
 */
@ConfigurationProperties("stagecraft.auth")
public record AccessProperties(
        @Nullable String bootstrapAdminToken, @Nullable String serviceToken) {

    public AccessProperties {
        bootstrapAdminToken = blankToNull(bootstrapAdminToken);
        serviceToken = blankToNull(serviceToken);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
