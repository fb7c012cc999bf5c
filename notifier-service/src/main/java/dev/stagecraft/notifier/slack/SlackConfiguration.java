package dev.stagecraft.notifier.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/** The Slack SDK client and the deliverer; says at startup whether Slack notifications are on. */
@Configuration(proxyBeanMethods = false)
class SlackConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SlackConfiguration.class);

    private final SlackProperties properties;

    SlackConfiguration(SlackProperties properties) {
        this.properties = properties;
    }

    @Bean(destroyMethod = "close")
    Slack slack() {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(properties.baseUrl());
        // no background auth.test calls and metrics threads: we keep our own metrics
        config.setStatsEnabled(false);
        int timeout = (int) properties.timeout().toMillis();
        config.setHttpClientCallTimeoutMillis(timeout);
        config.setHttpClientReadTimeoutMillis(timeout);
        config.setHttpClientWriteTimeoutMillis(timeout);
        return Slack.getInstance(config);
    }

    @Bean
    SlackDeliverer slackDeliverer(Slack slack, SlackMessageStore store, Clock clock, MeterRegistry meters) {
        Gauge.builder("stagecraft.notifier.slack.undelivered", store, SlackMessageStore::undelivered)
                .description("deployment messages Slack does not show as they should be yet")
                .register(meters);
        return new SlackDeliverer(
                store, new SlackGateway(slack.methods(properties.token())), properties, clock, meters);
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce() {
        if (!properties.enabled()) {
            log.info("Slack notifications are disabled: stagecraft.notifier.slack.token is empty "
                    + "(set it to a bot token with the chat:write scope to enable them)");
        } else if (properties.channel().isEmpty()
                && properties.channels().isEmpty()
                && properties.routes().isEmpty()) {
            log.warn("Slack notifications are enabled but no channel is set: set stagecraft.notifier.slack.channel "
                    + "(or stagecraft.notifier.slack.routes); nothing is sent until then");
        } else {
            log.info(
                    "Slack notifications go to {} (default channel '{}', per application {}, routes {},"
                            + " approval channel '{}')",
                    properties.baseUrl(),
                    properties.channel(),
                    properties.channels(),
                    properties.routes(),
                    properties.approvalChannel());
        }
    }
}
