package dev.stagecraft.command.access;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Checks what a REST caller presents: {@code Bearer <token>}, or Basic {@code user:password} where the password
 * may also be one of the user's tokens (as GitHub allows), so that tools that speak only Basic work with tokens.
 */
@Component
class Authenticator implements AuthenticationProvider {

    static final String INVALID = "the API token or password sent is not valid (unknown, revoked or mistyped);"
            + " send Authorization: Bearer <token> with a current token, or ask an admin for a new one"
            + " (POST /api/v1/users/{name}/tokens)";

    private final Users users;
    private final ServiceToken serviceToken;
    private final PasswordEncoder passwords;
    /** Compared against when the user has no password, so that the answer takes as long as for a wrong one. */
    private final String noPassword;

    Authenticator(Users users, ServiceToken serviceToken, PasswordEncoder passwords) {
        this.users = users;
        this.serviceToken = serviceToken;
        this.passwords = passwords;
        this.noPassword = passwords.encode(ApiTokens.generate());
    }

    @Override
    public @Nullable Authentication authenticate(Authentication authentication) {
        Caller caller = switch (authentication) {
            case CallerAuthentication.BearerToken bearer -> byToken((String) bearer.getCredentials());
            case UsernamePasswordAuthenticationToken basic ->
                byPassword(basic.getName(), String.valueOf(basic.getCredentials()));
            default -> null;
        };
        return caller == null ? null : new CallerAuthentication(caller);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return CallerAuthentication.BearerToken.class.isAssignableFrom(authentication)
                || UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private Caller byToken(String token) {
        if (serviceToken.matches(token)) {
            return serviceToken.caller();
        }
        return users.holderOf(ApiTokens.hash(token))
                .map(User::caller)
                .orElseThrow(() -> new BadCredentialsException(INVALID));
    }

    private Caller byPassword(String name, String secret) {
        if (ApiTokens.looksLikeToken(secret)) {
            Caller holder = byToken(secret);
            if (holder.name().equals(name)) {
                return holder;
            }
            throw new BadCredentialsException(INVALID);
        }
        String hash = users.passwordHash(name).orElse(noPassword);
        if (passwords.matches(secret, hash) && !hash.equals(noPassword)) {
            return users.find(name).map(User::caller).orElseThrow(() -> new BadCredentialsException(INVALID));
        }
        throw new BadCredentialsException(INVALID);
    }
}
