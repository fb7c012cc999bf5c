package dev.stagecraft.notifier.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlackPropertiesTest {

    @Test
    void defaultsWork() {
        var defaults = new SlackProperties(null, null, null, null, null, null, null, null, 0, 0);

        assertThat(defaults.enabled()).isFalse();
        assertThat(defaults.baseUrl()).isEqualTo("https://slack.com/api/");
        assertThat(defaults.channelFor("shop")).isEmpty();
    }

    @Test
    void anApplicationsOwnChannelWinsOverTheDefault() {
        var properties = new SlackProperties(
                "xoxb-1",
                "http://localhost:9/api",
                "#deployments",
                Map.of("billing", "#billing"),
                null,
                null,
                null,
                null,
                0,
                0);

        assertThat(properties.baseUrl()).isEqualTo("http://localhost:9/api/");
        assertThat(properties.channelFor("billing")).contains("#billing");
        assertThat(properties.channelFor("shop")).contains("#deployments");
        assertThat(properties.channelFor(null)).contains("#deployments");
    }

    @Test
    void backoffDoublesUpToTheLimit() {
        var properties = new SlackProperties(
                "", null, null, null, null, null, Duration.ofSeconds(1), Duration.ofSeconds(10), 0, 0);

        assertThat(properties.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(properties.backoff(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(properties.backoff(30)).isEqualTo(Duration.ofSeconds(10));
    }
}
