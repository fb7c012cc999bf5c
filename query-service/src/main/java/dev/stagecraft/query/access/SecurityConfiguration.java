package dev.stagecraft.query.access;

import dev.stagecraft.query.QueryProperties;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * {@code /api/**} and the Prometheus metrics need a caller that command-service vouches for ({@link ReaderFilter});
 * health, info and the dashboard's static files stay open, and so do CORS preflight requests (browsers send them
 * without credentials). No sessions and no CSRF: a read-only token API.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, CommandServiceCallers callers) throws Exception {
        return http.cors(Customizer.withDefaults())
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(requests -> requests.requestMatchers(HttpMethod.OPTIONS, "/api/**")
                        .permitAll()
                        .requestMatchers("/api/**", "/actuator/prometheus")
                        .authenticated()
                        .anyRequest()
                        .permitAll())
                .addFilterBefore(new ReaderFilter(callers), AnonymousAuthenticationFilter.class)
                .build();
    }

    /**
     * The same CORS rules as the MVC configuration ({@code stagecraft.query.cors}), applied before authentication,
     * so that a browser also reads a 401 from another origin and its preflight requests pass without credentials.
     */
    @Bean
    CorsConfigurationSource corsConfigurationSource(QueryProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOriginPatterns(properties.cors().allowedOrigins());
        cors.setAllowedMethods(List.of("GET", "HEAD", "OPTIONS"));
        cors.setAllowedHeaders(List.of("*"));
        cors.setMaxAge(properties.cors().maxAge());
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", cors);
        return source;
    }

    /** Users live in command-service; this keeps Spring Boot from making up one with a generated password. */
    @Bean
    UserDetailsService noLocalUsers() {
        return name -> {
            throw new UsernameNotFoundException("query-service has no users of its own; command-service has them");
        };
    }
}
