package dev.stagecraft.notifier.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.notifier.slack.SlackProperties.Route;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlackPropertiesTest {

    @Test
    void defaultsWork() {
        var defaults = new SlackProperties(null, null, null, null, null, null, null, null, 0, 0, null, null, null);

        assertThat(defaults.enabled()).isFalse();
        assertThat(defaults.baseUrl()).isEqualTo("https://slack.com/api/");
        assertThat(defaults.channelFor("shop")).isEmpty();
        assertThat(defaults.approvalChannelFor("shop", "prod")).isEmpty();
        assertThat(defaults.command()).isEqualTo("/stagecraft");
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
                0,
                null,
                null,
                null);

        assertThat(properties.baseUrl()).isEqualTo("http://localhost:9/api/");
        assertThat(properties.channelFor("billing")).contains("#billing");
        assertThat(properties.channelFor("shop")).contains("#deployments");
        assertThat(properties.channelFor(null)).contains("#deployments");
    }

    @Test
    void backoffDoublesUpToTheLimit() {
        var properties = new SlackProperties(
                "",
                null,
                null,
                null,
                null,
                null,
                Duration.ofSeconds(1),
                Duration.ofSeconds(10),
                0,
                0,
                null,
                null,
                null);

        assertThat(properties.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(properties.backoff(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(properties.backoff(30)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void routesChooseChannelsByApplicationAndStageMostSpecificFirst() {
        var properties = new SlackProperties(
                "xoxb-1",
                null,
                "#deployments",
                Map.of("billing", "#billing-legacy"),
                null,
                null,
                null,
                null,
                0,
                0,
                "#approvals",
                List.of(
                        new Route("shop", null, "#shop", null),
                        new Route("shop", "prod", "#shop-prod", "#shop-release-managers"),
                        new Route("*", "prod", null, "#prod-approvers"),
                        new Route("billing", "qa", "#billing-qa", null)),
                null);

        assertThat(properties.channelFor("shop", "qa")).contains("#shop");
        assertThat(properties.channelFor("shop", "prod")).contains("#shop-prod");
        assertThat(properties.channelFor("shop")).contains("#shop");
        assertThat(properties.channelFor("billing", "qa")).contains("#billing-qa");
        assertThat(properties.channelFor("billing", "prod")).contains("#billing-legacy");
        assertThat(properties.channelFor("orders", "prod")).contains("#deployments");

        assertThat(properties.approvalChannelFor("shop", "prod")).contains("#shop-release-managers");
        assertThat(properties.approvalChannelFor("orders", "prod")).contains("#prod-approvers");
        assertThat(properties.approvalChannelFor("orders", "staging")).contains("#approvals");
    }

    @Test
    void withoutAnApprovalChannelApprovalsGoToTheStagesChannel() {
        var properties = new SlackProperties(
                "xoxb-1",
                null,
                "#deployments",
                null,
                null,
                null,
                null,
                null,
                0,
                0,
                null,
                List.of(new Route("shop", "prod", "#shop-prod", null)),
                null);

        assertThat(properties.approvalChannelFor("shop", "prod")).contains("#shop-prod");
        assertThat(properties.approvalChannelFor("shop", "qa")).contains("#deployments");
    }
}
