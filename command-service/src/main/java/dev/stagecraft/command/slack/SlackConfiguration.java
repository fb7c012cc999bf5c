package dev.stagecraft.command.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.stagecraft.command.access.ServiceCredentials;
import dev.stagecraft.command.access.SlackIdentities;
import dev.stagecraft.command.application.Applications;
import dev.stagecraft.command.intake.CommandHandler;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;

/**
 * The parts of Slack slash commands: signature verification, the raw-body filter, the query-service client
 * behind its circuit breaker, the Slack SDK (for {@code response_url} follow-ups) and the background executor
 * they run on. The executor is this configuration's own (not a bean), so that it does not replace Spring's
 * application task executor.
 */
@Configuration(proxyBeanMethods = false)
class SlackConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SlackConfiguration.class);

    private final SlackProperties properties;
    private final ExecutorService background = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("slack-follow-up-", 0).factory());

    SlackConfiguration(SlackProperties properties) {
        this.properties = properties;
    }

    @Bean
    SlackSignatures slackSignatures(Clock clock) {
        return new SlackSignatures(properties.signingSecret(), properties.tolerance(), clock);
    }

    @Bean
    FilterRegistrationBean<SlackRawBody> slackRawBody() {
        FilterRegistrationBean<SlackRawBody> registration = new FilterRegistrationBean<>(new SlackRawBody());
        registration.addUrlPatterns("/slack/commands");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean(destroyMethod = "close")
    Slack slackResponseClient() {
        SlackConfig config = new SlackConfig();
        config.setStatsEnabled(false);
        int timeout = (int) properties.followUpTimeout().toMillis();
        config.setHttpClientCallTimeoutMillis(timeout);
        config.setHttpClientReadTimeoutMillis(timeout);
        config.setHttpClientWriteTimeoutMillis(timeout);
        return Slack.getInstance(config);
    }

    @Bean
    QueryService slackQueryService(
            @Value("${stagecraft.command.query-base-url:http://127.0.0.1:8081}") URI queryBaseUrl,
            ObjectProvider<ServiceCredentials> credentials) {
        CircuitBreaker breaker = CircuitBreaker.of(
                "query-service",
                CircuitBreakerConfig.custom()
                        .slidingWindowSize(10)
                        .minimumNumberOfCalls(5)
                        .failureRateThreshold(50)
                        .waitDurationInOpenState(Duration.ofSeconds(30))
                        .build());
        TimeLimiter limiter = TimeLimiter.of(TimeLimiterConfig.custom()
                .timeoutDuration(properties.queryTimeout())
                .cancelRunningFuture(true)
                .build());
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(properties.queryTimeout())
                .executor(background)
                .build();
        return new QueryService(queryBaseUrl, http, breaker, limiter, credentials, properties.queryTimeout());
    }

    @Bean
    SlackCommands slackCommands(
            CommandHandler handler,
            ObjectProvider<SlackIdentities> identities,
            Applications applications,
            QueryService slackQueryService,
            Slack slackResponseClient) {
        return new SlackCommands(
                properties,
                handler,
                identities,
                applications,
                slackQueryService,
                new ResponseUrls(slackResponseClient, properties),
                background);
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce() {
        if (properties.configured()) {
            log.info(
                    "Slack slash commands are served at POST /slack/commands (follow-ups to {})",
                    properties.responseUrlHosts());
        } else {
            log.info("Slack slash commands are off: set stagecraft.slack.signing-secret"
                    + " (STAGECRAFT_SLACK_SIGNING_SECRET) to the Slack app's signing secret to serve them");
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        background.shutdown();
        if (!background.awaitTermination(10, TimeUnit.SECONDS)) {
            background.shutdownNow();
        }
    }
}
