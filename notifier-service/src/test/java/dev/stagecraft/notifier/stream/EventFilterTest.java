package dev.stagecraft.notifier.stream;

import static dev.stagecraft.notifier.TestEvents.accepted;
import static dev.stagecraft.notifier.TestEvents.queued;
import static dev.stagecraft.notifier.TestEvents.statusChanged;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.contracts.DeploymentId;
import org.junit.jupiter.api.Test;

class EventFilterTest {

    final DeploymentId id = DeploymentId.random();

    @Test
    void absentFieldsMatchAnything() {
        assertThat(EventFilter.ANY.matches(statusChanged("shop", "qa", 1))).isTrue();
    }

    @Test
    void givenFieldsMustAllMatch() {
        var shopQa = new EventFilter("shop", "qa", null);

        assertThat(shopQa.matches(queued(id, "shop", "qa", 1, "1", "2"))).isTrue();
        assertThat(shopQa.matches(queued(id, "shop", "prod", 1, "1", "2"))).isFalse();
        assertThat(shopQa.matches(queued(id, "billing", "qa", 1, "1", "2"))).isFalse();
    }

    @Test
    void aDeploymentFilterMatchesItsEventsAndTheCommandThatCausedIt() {
        var deployment = new EventFilter(null, null, id);

        assertThat(deployment.matches(queued(id, "shop", "qa", 1, "1", "2"))).isTrue();
        assertThat(deployment.matches(accepted(id, "shop", "qa"))).isTrue();
        assertThat(deployment.matches(queued(DeploymentId.random(), "shop", "qa", 1, "1", "2")))
                .isFalse();
        assertThat(deployment.matches(statusChanged("shop", "qa", 1))).isFalse();
    }
}
