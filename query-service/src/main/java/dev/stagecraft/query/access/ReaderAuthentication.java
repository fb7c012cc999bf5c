package dev.stagecraft.query.access;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A caller command-service vouched for. */
final class ReaderAuthentication extends AbstractAuthenticationToken {

    private final transient Reader reader;

    ReaderAuthentication(Reader reader) {
        super(reader.grants().stream()
                .map(grant -> new SimpleGrantedAuthority("ROLE_" + grant.role().toUpperCase(java.util.Locale.ROOT)
                        + (grant.app() == null ? "" : ":" + grant.app())))
                .toList());
        this.reader = reader;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return reader.name();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ReaderAuthentication that && that.reader.equals(reader);
    }

    @Override
    public int hashCode() {
        return reader.hashCode();
    }
}
