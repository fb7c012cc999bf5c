package dev.stagecraft.deployer.driver.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stagecraft.contracts.Operation;
import dev.stagecraft.contracts.StepStatus;
import dev.stagecraft.contracts.event.DeploymentFailed;
import dev.stagecraft.contracts.event.DeploymentStepChanged;
import dev.stagecraft.contracts.event.DeploymentSucceeded;
import dev.stagecraft.contracts.job.DeploymentJob;
import dev.stagecraft.deployer.EventRecorder;
import dev.stagecraft.deployer.JobFixtures;
import dev.stagecraft.testsupport.IsolatedEnvironment;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Resilience through the worker's real entry point: deployment jobs published to {@code stagecraft.jobs} for the
 * test-only {@code flaky} driver, events read from a queue of the test's own bound to {@code stagecraft.events},
 * metrics read from {@code /actuator/prometheus}.
 */
@ExtendWith(ResilienceIT.DropInfrastructureAfterContext.class)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "stagecraft.deployer.resilience.retry.initial-interval=20ms",
            "stagecraft.deployer.resilience.retry.max-interval=100ms",
            "stagecraft.deployer.resilience.circuit-breaker.wait-in-open-state=1s"
        })
@Import({FlakyDriver.Config.class, EventRecorder.class})
@DirtiesContext
class ResilienceIT {

    static final IsolatedEnvironment infra = IsolatedEnvironment.create("resilience");
    static final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        JobFixtures.worker(registry, infra);
    }

    /** Drops the database after Spring closed the context (as DeployJobIT does). */
    static class DropInfrastructureAfterContext implements AfterAllCallback {

        @Override
        public void afterAll(ExtensionContext context) {
            infra.close();
        }
    }

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    EventRecorder events;

    @Autowired
    FlakyDriver flaky;

    @Autowired
    CircuitBreakerRegistry breakers;

    @LocalServerPort
    int port;

    @Test
    void aDeploymentToATargetThatFailsTransientlySucceedsAfterRetries() throws Exception {
        // One transient failure: with the deploy's retry and the driver's info after it, three calls pass the
        // circuit breaker, fewer than its minimum-number-of-calls (4), so it stays closed. Two failures would make
        // 2 of 4 calls failed, the breaker's failure-rate threshold (50 %), and open it.
        flaky.cluster("transient").failNext(1);
        DeploymentJob job = flakyJob("transient-1", "transient");

        publish(job);
        await().atMost(Duration.ofSeconds(60)).until(() -> events.ended(job));

        assertThat(events.of(job, DeploymentSucceeded.class)).hasSize(1);
        assertThat(events.of(job, DeploymentFailed.class)).isEmpty();
        assertThat(flaky.cluster("transient").calls).hasValue(2);
        assertThat(prometheus())
                .contains("resilience4j_retry_calls_total{kind=\"successful_with_retry\",name=\"flaky:transient\"} 1.0")
                .contains("resilience4j_circuitbreaker_state{name=\"flaky:transient\",state=\"closed\"} 1.0");
    }

    @Test
    void aDeploymentToATargetThatIsDownWaitsWhileItsCircuitIsOpenAndSucceedsOnceItIsBack() throws Exception {
        List<String> transitions = new CopyOnWriteArrayList<>();
        breakers.circuitBreaker("flaky:down")
                .getEventPublisher()
                .onStateTransition(e -> transitions.add(transition(e)));
        FlakyDriver.Cluster cluster = flaky.cluster("down");
        cluster.goDown();
        DeploymentJob job = flakyJob("down-1", "down");

        publish(job);
        await().atMost(Duration.ofSeconds(60)).until(() -> !waitingMessages(job).isEmpty());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> prometheus()
                        .contains("resilience4j_circuitbreaker_state{name=\"flaky:down\",state=\"open\"} 1.0"));
        await().atMost(Duration.ofSeconds(30)).until(() -> transitions.contains("HALF_OPEN->OPEN"));
        assertThat(events.ended(job))
                .as("the deployment waits; it does not fail")
                .isFalse();

        cluster.comeUp();
        await().atMost(Duration.ofSeconds(60)).until(() -> events.ended(job));

        assertThat(events.of(job, DeploymentFailed.class)).isEmpty();
        assertThat(events.of(job, DeploymentSucceeded.class)).hasSize(1);
        assertThat(waitingMessages(job))
                .containsExactly("apply:RUNNING target flaky:down is unavailable (circuit open); waiting up to 30m "
                        + "for it to come back");
        assertThat(transitions)
                .startsWith("CLOSED->OPEN", "OPEN->HALF_OPEN")
                .endsWith("OPEN->HALF_OPEN", "HALF_OPEN->CLOSED");
        assertThat(prometheus())
                .contains("resilience4j_circuitbreaker_state{name=\"flaky:down\",state=\"closed\"} 1.0");
    }

    private List<String> waitingMessages(DeploymentJob job) {
        return events.of(job, DeploymentStepChanged.class).stream()
                .filter(e -> e.status() == StepStatus.RUNNING
                        && e.message() != null
                        && e.message().contains("(circuit open); waiting"))
                .map(e -> e.step() + ":" + e.status() + " " + e.message())
                .toList();
    }

    private static String transition(CircuitBreakerOnStateTransitionEvent event) {
        return event.getStateTransition().getFromState() + "->"
                + event.getStateTransition().getToState();
    }

    private String prometheus() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static DeploymentJob flakyJob(String environment, String cluster) {
        return JobFixtures.job(
                "flaky", environment, Operation.DEPLOY, "1.0.0", Map.of(), Map.of(), Map.of("cluster", cluster));
    }

    private void publish(DeploymentJob job) {
        JobFixtures.publish(rabbit, job);
    }
}
