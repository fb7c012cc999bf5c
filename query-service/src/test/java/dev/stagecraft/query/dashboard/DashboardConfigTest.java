package dev.stagecraft.query.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DashboardConfigTest {

    @Test
    void unsetUrlsAreTheBrowsersHostOnTheDefaultPorts() {
        DashboardConfig config = DashboardConfig.of(new DashboardProperties(null, " "), "http", "stagecraft.example");

        assertThat(config.commandUrl()).isEqualTo("http://stagecraft.example:8080");
        assertThat(config.eventsUrl()).isEqualTo("ws://stagecraft.example:8082/ws/events");
    }

    @Test
    void configuredUrlsWinAndHttpsBecomesWss() {
        DashboardConfig config = DashboardConfig.of(
                new DashboardProperties("https://cmd.example/", "https://events.example"), "http", "ignored");

        assertThat(config.commandUrl()).isEqualTo("https://cmd.example");
        assertThat(config.eventsUrl()).isEqualTo("wss://events.example/ws/events");
    }

    @Test
    void anIpv6HostIsBracketed() {
        assertThat(DashboardConfig.of(new DashboardProperties(null, null), "http", "::1")
                        .commandUrl())
                .isEqualTo("http://[::1]:8080");
    }
}
