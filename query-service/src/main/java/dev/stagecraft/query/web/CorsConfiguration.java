package dev.stagecraft.query.web;

import dev.stagecraft.query.QueryProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Lets browser dashboards on other origins read the API (GET only: this service never changes anything). */
@Configuration(proxyBeanMethods = false)
class CorsConfiguration implements WebMvcConfigurer {

    private final QueryProperties properties;

    CorsConfiguration(QueryProperties properties) {
        this.properties = properties;
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        QueryProperties.Cors cors = properties.cors();
        registry.addMapping("/api/**")
                .allowedOriginPatterns(cors.allowedOrigins().toArray(String[]::new))
                .allowedMethods("GET", "HEAD", "OPTIONS")
                .allowedHeaders("*")
                .maxAge(cors.maxAge().toSeconds());
    }
}
