package dev.stagecraft.notifier.stream.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.notifier.stream.EventFilter;
import java.net.URI;
import org.junit.jupiter.api.Test;

class SubscriptionRequestTest {

    @Test
    void readsTheFilterFromTheQuery() {
        DeploymentId id = DeploymentId.random();

        assertThat(SubscriptionRequest.filterOf(
                        URI.create("ws://h/ws/events?app=shop&environment=qa&deploymentId=" + id)))
                .isEqualTo(new EventFilter("shop", "qa", id));
        assertThat(SubscriptionRequest.filterOf(URI.create("ws://h/ws/events?app=&environment=review%2D1"))
                        .environment())
                .isEqualTo("review-1");
        assertThat(SubscriptionRequest.filterOf(URI.create("ws://h/ws/events"))).isEqualTo(EventFilter.ANY);
    }

    @Test
    void refusesADeploymentIdThatIsNoUuid() {
        assertThatThrownBy(() -> SubscriptionRequest.filterOf(URI.create("ws://h/ws/events?deploymentId=42")))
                .hasMessage("deploymentId '42' is not a UUID; pass the id of a deployment, or leave it out");
    }
}
