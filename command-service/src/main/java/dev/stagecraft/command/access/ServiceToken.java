package dev.stagecraft.command.access;

import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The token command-service sends when it calls query-service, and accepts itself as user
 * {@code system:command-service} with the viewer role (query-service asks command-service who a token is).
 */
@Component
class ServiceToken implements ServiceCredentials {

    static final String USER = "system:command-service";

    private final String token;

    ServiceToken(AccessProperties properties) {
        String configured = properties.serviceToken();
        this.token = configured == null ? ApiTokens.generate() : configured;
    }

    @Override
    public String authorizationHeader() {
        return "Bearer " + token;
    }

    boolean matches(String presented) {
        return ApiTokens.sameSecret(token, presented);
    }

    Caller caller() {
        return Caller.user(USER, List.of(Grant.everywhere(Role.VIEWER)));
    }
}
