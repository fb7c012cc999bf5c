package dev.stagecraft.command.access;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationConverter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Every request needs a caller ({@code Authorization: Bearer <token>} or Basic), except health and info, and the
 * git web hook and Slack commands, which are verified by their own signatures. No sessions, no CSRF: this is a
 * token API, and a browser never holds a session with it. CORS ({@code stagecraft.command.cors}) is applied before
 * authentication, so that preflight requests pass without credentials and a browser can read a 401.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String[] OPEN = {
        "/actuator/health", "/actuator/health/**", "/actuator/info", "/webhooks/git", "/slack/commands", "/error"
    };

    @Bean
    SecurityFilterChain api(HttpSecurity http, Authenticator authenticator, Unauthenticated unauthenticated)
            throws Exception {
        AuthenticationFilter credentials =
                new AuthenticationFilter(new ProviderManager(authenticator), new Credentials());
        credentials.setSuccessHandler((request, response, authentication) -> {});
        credentials.setFailureHandler(new AuthenticationEntryPointFailureHandler(unauthenticated));
        credentials.setSecurityContextRepository(new RequestAttributeSecurityContextRepository());
        return http.cors(Customizer.withDefaults())
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(unauthenticated))
                .authorizeHttpRequests(requests -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers(OPEN)
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .addFilterBefore(credentials, AnonymousAuthenticationFilter.class)
                .build();
    }

    /** The dashboard (served by query-service, another origin) calls {@code /api/**} with a token header. */
    @Bean
    CorsConfigurationSource corsConfigurationSource(CorsProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOriginPatterns(properties.allowedOrigins());
        cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of("*"));
        cors.setExposedHeaders(List.of("Location"));
        cors.setMaxAge(properties.maxAge());
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", cors);
        return source;
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    /** {@code Bearer <token>} or Basic; anything else (or nothing) leaves the request anonymous. */
    static final class Credentials implements AuthenticationConverter {

        private final BasicAuthenticationConverter basic = new BasicAuthenticationConverter();

        @Override
        public @Nullable Authentication convert(HttpServletRequest request) {
            String header = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return new CallerAuthentication.BearerToken(header.substring(7).strip());
            }
            return basic.convert(request);
        }
    }
}
