package dev.stagecraft.deployer.driver.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.stagecraft.contracts.FailureReason;
import dev.stagecraft.deployer.driver.DeployResult;
import dev.stagecraft.deployer.driver.Driver;
import dev.stagecraft.deployer.driver.DriverException;
import dev.stagecraft.deployer.driver.StepReporter;
import dev.stagecraft.deployer.driver.Steps;
import dev.stagecraft.deployer.driver.TargetUnavailableException;
import dev.stagecraft.deployer.driver.Workload;
import dev.stagecraft.deployer.driver.resilience.ResilienceProperties.Backoff;
import dev.stagecraft.deployer.driver.resilience.ResilienceProperties.Breaker;
import dev.stagecraft.deployer.driver.resilience.ResilienceProperties.TimeLimits;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResilientDriverTest {

    final FakeDriver fake = new FakeDriver();
    final Reports reports = new Reports();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    CircuitBreakerRegistry breakers;
    DriverResilience resilience;

    @AfterEach
    void close() {
        resilience.close();
    }

    @Test
    void aTransientFailureIsRetriedUntilTheOperationSucceeds() {
        Driver driver = driver(properties(closedBreaker(), Duration.ofMinutes(1)));
        fake.onDeploy = (attempt, spec, steps) -> {
            if (attempt <= 2) {
                throw new TargetUnavailableException(Steps.APPLY, "connection refused (" + attempt + ")");
            }
            return FakeDriver.succeed(attempt, spec, steps);
        };

        DeployResult result = driver.deploy(FakeDriver.spec(), null, reports);

        assertThat(result.changed()).isTrue();
        assertThat(fake.deploys).hasValue(3);
        assertThat(retryCalls("successful_with_retry")).isEqualTo(1);
        assertThat(retryCalls("successful_without_retry")).isZero();
        assertThat(reports.logs)
                .containsExactly(
                        "apply: target fake:test is unavailable: connection refused (1)",
                        "apply: target fake:test is unavailable: connection refused (2)");
    }

    @Test
    void aFailureThatIsNotTransientFailsAtOnce() {
        Driver driver = driver(properties(closedBreaker(), Duration.ofMinutes(1)));
        DriverException verdict =
                new DriverException(Steps.WAIT_READY, FailureReason.VERSION_MISMATCH, "it runs 0.9.0");
        fake.onDeploy = (attempt, spec, steps) -> {
            throw verdict;
        };

        assertThatThrownBy(() -> driver.deploy(FakeDriver.spec(), null, reports))
                .isSameAs(verdict);
        assertThat(fake.deploys).hasValue(1);
        assertThat(retryCalls("failed_without_retry")).isEqualTo(1);
        assertThat(breakers.circuitBreaker(FakeDriver.CLUSTER).getMetrics().getNumberOfFailedCalls())
                .as("the target answered")
                .isZero();
    }

    @Test
    void whenTheAttemptsRunOutWhileTheCircuitStaysClosedTheOperationFails() {
        Driver driver = driver(properties(closedBreaker(), Duration.ofMinutes(1)));
        fake.onDeploy = (attempt, spec, steps) -> {
            throw new TargetUnavailableException(Steps.APPLY, "connection refused");
        };

        assertThatThrownBy(() -> driver.deploy(FakeDriver.spec(), null, reports))
                .isInstanceOf(TargetUnavailableException.class)
                .hasMessage("connection refused (gave up after 3 attempts)");
        assertThat(fake.deploys).hasValue(3);
        assertThat(retryCalls("failed_with_retry")).isEqualTo(1);
    }

    @Test
    void aCallOverItsTimeLimitIsInterruptedAndFailsWithoutRetry() {
        Driver driver = driver(properties(closedBreaker(), Duration.ofMinutes(1)));
        AtomicBoolean interrupted = new AtomicBoolean();
        fake.onDeploy = (attempt, spec, steps) -> {
            steps.running(Steps.WAIT_READY, "waiting forever");
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.set(true);
                steps.log(Steps.WAIT_READY, "stopping what was started");
            }
            throw new DriverException(Steps.WAIT_READY, FailureReason.GENERIC, "interrupted");
        };

        assertThatThrownBy(() -> driver.deploy(FakeDriver.spec(), null, reports))
                .isInstanceOf(DriverException.class)
                .isNotInstanceOf(TargetUnavailableException.class)
                .hasMessage("deploy of shop/qa did not finish within 300ms and was stopped; if it needs longer, "
                        + "raise stagecraft.deployer.resilience.time-limit.deploy")
                .extracting(e -> ((DriverException) e).step())
                .isEqualTo(Steps.WAIT_READY);
        assertThat(interrupted).isTrue();
        assertThat(reports.logs)
                .as("its clean-up within the grace")
                .containsExactly("wait-ready: stopping what was started");
        assertThat(fake.deploys).hasValue(1);
    }

    @Test
    void aCallThatIgnoresItsInterruptCannotReportAfterTheWorkerGaveUpOnIt() throws Exception {
        ResilienceProperties base = properties(closedBreaker(), Duration.ofMinutes(1));
        Driver driver = driver(new ResilienceProperties(
                base.retry(), base.circuitBreaker(), base.timeLimit(), base.maxWait(), Duration.ofMillis(50)));
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch reported = new CountDownLatch(1);
        fake.onDeploy = (attempt, spec, steps) -> {
            awaitUninterruptibly(release);
            steps.running(Steps.SWITCH, "too late");
            reported.countDown();
            return FakeDriver.succeed(attempt, spec, steps);
        };

        assertThatThrownBy(() -> driver.deploy(FakeDriver.spec(), null, reports))
                .hasMessageStartingWith("deploy of shop/qa did not finish within 300ms");
        release.countDown();
        reported.await();

        assertThat(reports.changes).isEmpty();
    }

    @Test
    void whileTheCircuitIsOpenADeploymentWaitsAndGoesOnWhenTheTargetAnswersAgain() {
        Driver driver = driver(properties(new Breaker(4, 50, 2, Duration.ofMillis(200), 1), Duration.ofMinutes(1)));
        AtomicBoolean down = new AtomicBoolean(true);
        fake.onDeploy = (attempt, spec, steps) -> {
            if (down.get()) {
                throw new TargetUnavailableException(Steps.APPLY, "connection refused");
            }
            return FakeDriver.succeed(attempt, spec, steps);
        };

        CompletableFuture<DeployResult> deployment =
                CompletableFuture.supplyAsync(() -> driver.deploy(FakeDriver.spec(), null, reports));
        await().atMost(Duration.ofSeconds(10)).until(() -> !reports.changes.isEmpty());
        CircuitBreaker breaker = breakers.circuitBreaker(FakeDriver.CLUSTER);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> breaker.getState() == CircuitBreaker.State.OPEN && fake.deploys.get() > 3);
        assertThat(deployment).isNotDone();
        down.set(false);

        assertThat(deployment.join().changed()).isTrue();
        assertThat(reports.changes)
                .containsExactly(
                        "apply:RUNNING target fake:test is unavailable (circuit open); waiting up to 1m for it to "
                                + "come back",
                        "apply:RUNNING starting 1.0.0",
                        "apply:DONE started 1.0.0");
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aDeploymentGivesUpWaitingAfterTheLongestWait() {
        Driver driver = driver(properties(closedBreaker(), Duration.ofMillis(300)));
        breakers.circuitBreaker(FakeDriver.CLUSTER).transitionToForcedOpenState();

        assertThatThrownBy(() -> driver.deploy(FakeDriver.spec(), null, reports))
                .isInstanceOf(DriverException.class)
                .isNotInstanceOf(TargetUnavailableException.class)
                .hasMessage("target fake:test stayed unavailable for 300ms (circuit open; last error: its circuit "
                        + "breaker is open); check the target, then run the deploy again");
        assertThat(fake.deploys).hasValue(0);
        assertThat(reports.changes).hasSize(1);
    }

    @Test
    void aCheckDoesNotWaitWhileTheCircuitIsOpen() {
        Driver driver = driver(properties(closedBreaker(), Duration.ofMinutes(30)));
        breakers.circuitBreaker(FakeDriver.CLUSTER).transitionToOpenState();
        Workload workload = new Workload(FakeDriver.spec(), null, null, null, null);

        assertThatThrownBy(() -> driver.check(workload))
                .isInstanceOf(TargetUnavailableException.class)
                .hasMessageStartingWith("target fake:test is unavailable (circuit open)");
        assertThat(fake.checks).hasValue(0);
    }

    @Test
    void anErrorPassesThroughAndReturnsItsTrialPermit() {
        Driver driver = driver(properties(closedBreaker(), Duration.ofMinutes(1)));
        CircuitBreaker breaker = breakers.circuitBreaker(FakeDriver.CLUSTER);
        breaker.transitionToOpenState();
        breaker.transitionToHalfOpenState();
        fake.onDeploy = (attempt, spec, steps) -> {
            if (attempt == 1) {
                throw new StackOverflowError("the worker dies");
            }
            return FakeDriver.succeed(attempt, spec, steps);
        };

        assertThatThrownBy(() -> driver.deploy(FakeDriver.spec(), null, reports))
                .isInstanceOf(StackOverflowError.class);
        assertThat(driver.deploy(FakeDriver.spec(), null, reports).changed()).isTrue();
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    private Driver driver(ResilienceProperties properties) {
        breakers = Registries.circuitBreakers(properties);
        RetryRegistry retries = Registries.retries(properties);
        TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meters);
        resilience = new DriverResilience(properties, breakers, retries, Registries.timeLimiters(properties));
        return resilience.decorate(fake);
    }

    private static ResilienceProperties properties(Breaker breaker, Duration maxWait) {
        return new ResilienceProperties(
                new Backoff(3, Duration.ofMillis(10), 2, Duration.ofMillis(40)),
                breaker,
                new TimeLimits(Duration.ofMillis(300), null, null, null, null),
                maxWait,
                Duration.ofSeconds(10));
    }

    /** A breaker that these tests never open by failing. */
    private static Breaker closedBreaker() {
        return new Breaker(100, 50, 100, Duration.ofMinutes(1), 1);
    }

    private double retryCalls(String kind) {
        return meters.get("resilience4j.retry.calls")
                .tag("name", FakeDriver.CLUSTER)
                .tag("kind", kind)
                .functionCounter()
                .count();
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Step changes as {@code step:STATUS message}, log lines as {@code step: line}. */
    static final class Reports implements StepReporter {

        final List<String> changes = new CopyOnWriteArrayList<>();
        final List<String> logs = new CopyOnWriteArrayList<>();

        @Override
        public void running(String step, String message) {
            changes.add(step + ":RUNNING " + message);
        }

        @Override
        public void done(String step, String message) {
            changes.add(step + ":DONE " + message);
        }

        @Override
        public void skipped(String step, String message) {
            changes.add(step + ":SKIPPED " + message);
        }

        @Override
        public void log(String step, String line) {
            logs.add(step + ": " + line);
        }
    }
}
