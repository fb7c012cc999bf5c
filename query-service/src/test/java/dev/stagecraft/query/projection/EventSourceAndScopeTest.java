package dev.stagecraft.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.EnvironmentStatus;
import dev.stagecraft.contracts.EventId;
import dev.stagecraft.contracts.event.CommandRejected;
import dev.stagecraft.contracts.event.EnvironmentStatusChanged;
import dev.stagecraft.query.Fixtures;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventSourceAndScopeTest {

    @Test
    void theSourceIsTheAppIdTheEventCameWith() {
        assertThat(EventSource.of(
                        "deployer-worker-2", Fixtures.specChanged("shop", "qa", 1, "1.0.0", List.of(), null, null)))
                .isEqualTo("deployer-worker-2");
    }

    @Test
    void withoutAppIdTheSourceIsTheServiceThatEmitsTheType() {
        assertThat(EventSource.of(null, Fixtures.specChanged("shop", "qa", 1, "1.0.0", List.of(), null, null)))
                .isEqualTo("command-service");
        assertThat(EventSource.of(" ", Fixtures.queued("shop", "qa", 1, DeploymentId.random(), null, "1.0.0")))
                .isEqualTo("deployer-worker");
        assertThat(EventSource.of(null, Fixtures.registered("shop"))).isEqualTo("command-service");
        assertThat(EventSource.of(null, Fixtures.scheduleChanged("shop", "qa", 3, Instant.now(), null)))
                .isEqualTo("command-service");
        assertThat(EventSource.of(null, Fixtures.driftDetected("shop", "qa", 4, "1.1.0", "1.0.0")))
                .isEqualTo("deployer-worker");
    }

    @Test
    void anEventAboutAnEnvironmentMustNameIt() {
        EnvironmentStatusChanged nameless = new EnvironmentStatusChanged(
                EventId.random(),
                Instant.now(),
                null,
                "worker",
                "shop",
                null,
                3,
                EnvironmentStatus.CREATE_PENDING,
                EnvironmentStatus.RUNNING,
                "1.0.0",
                null,
                null);

        assertThat(EventScope.problem(nameless))
                .hasValueSatisfying(problem -> assertThat(problem)
                        .startsWith("environment.status-changed ")
                        .endsWith("names no environment: app and environment are required for this event type"));
        assertThat(EventScope.problem(Fixtures.started("shop", "qa", 2, DeploymentId.random())))
                .isEmpty();
    }

    @Test
    void registrationsAndCommandOutcomesAreAboutNoEnvironment() {
        CommandRejected rejected = new CommandRejected(
                EventId.random(), Instant.now(), null, "alice", null, null, 0, "promote", "unknown-app", "no such app");

        assertThat(EventScope.isAboutEnvironment(rejected)).isFalse();
        assertThat(EventScope.problem(rejected)).isEmpty();
        assertThat(EventScope.isAboutEnvironment(Fixtures.registered("shop"))).isFalse();
    }
}
