package dev.stagecraft.command.access;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated REST caller: a user with its grants, or command-service itself. */
final class CallerAuthentication extends AbstractAuthenticationToken {

    private final transient Caller caller;

    CallerAuthentication(Caller caller) {
        super(caller.grants().stream()
                .map(grant -> new SimpleGrantedAuthority(
                        "ROLE_" + grant.role().name() + (grant.app() == null ? "" : ":" + grant.app())))
                .toList());
        this.caller = caller;
        setAuthenticated(true);
    }

    Caller caller() {
        return caller;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return caller.name();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CallerAuthentication that && that.caller.equals(caller);
    }

    @Override
    public int hashCode() {
        return caller.hashCode();
    }

    /** A bearer token as received, before it is checked. */
    static final class BearerToken extends AbstractAuthenticationToken {

        private final String token;

        BearerToken(String token) {
            super(List.of());
            this.token = token;
        }

        @Override
        public Object getCredentials() {
            return token;
        }

        @Override
        public Object getPrincipal() {
            return "(bearer token)";
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof BearerToken that && that.token.equals(token);
        }

        @Override
        public int hashCode() {
            return token.hashCode();
        }
    }
}
