package dev.stagecraft.query;

import static dev.stagecraft.contracts.EnvironmentStatus.CREATE_PENDING;
import static dev.stagecraft.contracts.EnvironmentStatus.RUNNING;
import static dev.stagecraft.contracts.EnvironmentStatus.UPDATE_PENDING;
import static dev.stagecraft.contracts.StepStatus.DONE;
import static dev.stagecraft.query.Fixtures.accepted;
import static dev.stagecraft.query.Fixtures.cancelled;
import static dev.stagecraft.query.Fixtures.driftDetected;
import static dev.stagecraft.query.Fixtures.queued;
import static dev.stagecraft.query.Fixtures.registered;
import static dev.stagecraft.query.Fixtures.scheduleChanged;
import static dev.stagecraft.query.Fixtures.specChanged;
import static dev.stagecraft.query.Fixtures.started;
import static dev.stagecraft.query.Fixtures.statusChanged;
import static dev.stagecraft.query.Fixtures.step;
import static dev.stagecraft.query.Fixtures.succeeded;
import static dev.stagecraft.query.Fixtures.superseded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.command.Stage;
import dev.stagecraft.contracts.event.CommandAccepted;
import dev.stagecraft.contracts.event.DeploymentCancelled;
import dev.stagecraft.contracts.event.DeploymentStepChanged;
import dev.stagecraft.contracts.event.DeploymentSucceeded;
import dev.stagecraft.contracts.event.DeploymentSuperseded;
import dev.stagecraft.contracts.event.EnvironmentDriftDetected;
import dev.stagecraft.contracts.event.EnvironmentScheduleChanged;
import dev.stagecraft.contracts.event.EnvironmentStatusChanged;
import dev.stagecraft.contracts.event.Event;
import dev.stagecraft.testsupport.IsolatedEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * What the environment views say about what comes next: the queue of deployments with live positions, the
 * lifecycle schedule (TTL expiry, clean-up), drift, and the history of these events; events published to
 * {@code stagecraft.events}, answers read over REST.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class EnvironmentOperationsIT extends ReadModelScenario {

    static final IsolatedEnvironment infra = IsolatedEnvironment.create("query-ops");
    static final String APP = "ops";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        infra.register(registry);
    }

    // dropped after the context closed, see ReadModelIT
    static {
        Runtime.getRuntime().addShutdownHook(new Thread(infra::close, "drop-test-database"));
    }

    @BeforeAll
    void registerTheApplication() {
        publish(envelope(COMMAND_SERVICE, registered(APP, Stage.of("development"), Stage.of("qa"))));
        await().until(() -> get("/api/v1/applications/" + APP).status() == 200);
    }

    @Test
    void queuedDeploymentsMoveUpAsTheOnesAheadStartOrLeaveTheQueue() {
        String env = "qa";
        DeploymentId first = DeploymentId.random();
        DeploymentId second = DeploymentId.random();
        DeploymentId third = DeploymentId.random();
        DeploymentId fourth = DeploymentId.random();
        Event lastQueued = queued(APP, env, 5, fourth, CommandId.random(), "carol", "1.0.0", "1.3.0");
        publish(
                envelope(WORKER, queued(APP, env, 1, first, null, "1.0.0")),
                envelope(WORKER, started(APP, env, 2, first)),
                envelope(WORKER, queued(APP, env, 3, second, CommandId.random(), "bob", "1.0.0", "1.1.0")),
                envelope(WORKER, queued(APP, env, 4, third, "1.0.0", "1.2.0")),
                envelope(WORKER, lastQueued));

        await().until(() -> applied(lastQueued));
        assertThat(positions(first, second, third, fourth)).containsExactly(null, 1, 2, 3);
        JsonNode queue = environment(env).at("/queued");
        assertThat(queue.size()).isEqualTo(3);
        assertThat(queue.at("/0/deploymentId").asString()).isEqualTo(second.toString());
        assertThat(queue.at("/0/operation").asString()).isEqualTo("DEPLOY");
        assertThat(queue.at("/0/toVersion").asString()).isEqualTo("1.1.0");
        assertThat(queue.at("/0/position").asInt()).isEqualTo(1);
        assertThat(queue.at("/0/actor").asString()).isEqualTo("bob");
        assertThat(queue.at("/2/deploymentId").asString()).isEqualTo(fourth.toString());
        assertThat(queue.at("/2/position").asInt()).isEqualTo(3);
        assertThat(queue.at("/2/actor").asString()).isEqualTo("carol");
        JsonNode qaStage = get("/api/v1/applications/" + APP).json().at("/pipeline/1");
        assertThat(qaStage.at("/stage").asString()).isEqualTo("qa");
        assertThat(qaStage.at("/queued").size()).isEqualTo(3);
        assertThat(qaStage.at("/queued/0/deploymentId").asString()).isEqualTo(second.toString());

        Event secondStarted = started(APP, env, 7, second);
        publish(envelope(WORKER, succeeded(APP, env, 6, first, "1.0.0")), envelope(WORKER, secondStarted));
        await().until(() -> applied(secondStarted));
        assertThat(positions(first, second, third, fourth)).containsExactly(null, null, 1, 2);

        DeploymentSuperseded thirdSuperseded = superseded(APP, env, 8, third, "1.2.0");
        publish(envelope(WORKER, thirdSuperseded));
        await().until(() -> applied(thirdSuperseded));
        assertThat(positions(first, second, third, fourth)).containsExactly(null, null, null, 1);

        DeploymentCancelled fourthCancelled = cancelled(APP, env, 9, fourth, "1.3.0");
        publish(envelope(WORKER, fourthCancelled));
        await().until(() -> applied(fourthCancelled));
        assertThat(positions(first, second, third, fourth)).containsExactly(null, null, null, null);
        assertThat(environment(env).at("/queued").size()).isZero();
        assertThat(get("/api/v1/applications/" + APP)
                        .json()
                        .at("/pipeline/1/queued")
                        .size())
                .isZero();
    }

    @Test
    void theLifecycleScheduleShowsOnTheEnvironmentAndInLists() {
        Instant expiresAt = Instant.parse("2026-03-17T09:00:00Z");
        Instant cleanupAt = Instant.parse("2026-04-14T09:00:00Z");
        EnvironmentScheduleChanged archived = scheduleChanged(APP, "review-7", 3, null, cleanupAt);
        EnvironmentScheduleChanged staleExpiry = scheduleChanged(APP, "review-7", 2, expiresAt, null);
        EnvironmentScheduleChanged expiring = scheduleChanged(APP, "review-8", 2, expiresAt, null);
        publish(
                envelope(
                        COMMAND_SERVICE,
                        specChanged(APP, "review-7", 1, "1.0.0", List.of("review"), null, Duration.ofHours(72))),
                envelope(COMMAND_SERVICE, archived),
                envelope(COMMAND_SERVICE, staleExpiry),
                envelope(
                        COMMAND_SERVICE,
                        specChanged(APP, "review-8", 1, "1.0.0", List.of("review"), null, Duration.ofHours(48))),
                envelope(COMMAND_SERVICE, expiring));

        await().until(() -> applied(archived, staleExpiry, expiring));
        JsonNode review7 = environment("review-7");
        assertThat(review7.at("/ttl").asString()).isEqualTo("PT72H");
        assertThat(review7.at("/expiresAt").isNull())
                .as("an older schedule arriving late changes nothing")
                .isTrue();
        assertThat(Instant.parse(review7.at("/cleanupAt").asString())).isEqualTo(cleanupAt);

        JsonNode list = get("/api/v1/environments?app=" + APP + "&tag=review").json();
        assertThat(list.size()).isEqualTo(2);
        assertThat(list.at("/0/name").asString()).isEqualTo("review-7");
        assertThat(Instant.parse(list.at("/0/cleanupAt").asString())).isEqualTo(cleanupAt);
        assertThat(list.at("/1/name").asString()).isEqualTo("review-8");
        assertThat(list.at("/1/ttl").asString()).isEqualTo("PT48H");
        assertThat(Instant.parse(list.at("/1/expiresAt").asString())).isEqualTo(expiresAt);
        assertThat(list.at("/1/cleanupAt").isNull()).isTrue();
    }

    @Test
    void aDriftShowsUntilALaterDeploymentOfTheEnvironmentSucceeds() {
        String env = "development";
        DeploymentId fix = DeploymentId.random();
        EnvironmentDriftDetected drift = driftDetected(APP, env, 2, "1.1.0", "1.0.0");
        publish(
                envelope(WORKER, statusChanged(APP, env, 1, CREATE_PENDING, RUNNING, "1.1.0", "1.1.0 is healthy")),
                envelope(WORKER, drift));

        await().until(() -> applied(drift));
        JsonNode shown = environment(env).at("/drift");
        assertThat(shown.at("/desiredVersion").asString()).isEqualTo("1.1.0");
        assertThat(shown.at("/actualVersion").asString()).isEqualTo("1.0.0");
        assertThat(shown.at("/detail").asString()).isEqualTo("runs 1.0.0 but 1.1.0 was deployed");
        assertThat(Instant.parse(shown.at("/detectedAt").asString())).isEqualTo(drift.occurredAt());

        DeploymentSucceeded redeployed = succeeded(APP, env, 5, fix, "1.1.0");
        publish(
                envelope(WORKER, queued(APP, env, 3, fix, "1.0.0", "1.1.0")),
                envelope(WORKER, started(APP, env, 4, fix)),
                envelope(WORKER, redeployed));
        await().until(() -> applied(redeployed));
        assertThat(environment(env).at("/drift").isNull()).isTrue();
    }

    @Test
    void aDriftClearsWhenTheDesiredVersionIsReportedRunning() {
        String env = "drift-2";
        EnvironmentDriftDetected drift = driftDetected(APP, env, 1, "2.0.0", "1.9.0");
        EnvironmentStatusChanged stillOld =
                statusChanged(APP, env, 2, UPDATE_PENDING, RUNNING, "1.9.0", "1.9.0 is healthy");
        publish(envelope(WORKER, drift), envelope(WORKER, stillOld));
        await().until(() -> applied(drift, stillOld));
        assertThat(environment(env).at("/drift/desiredVersion").asString())
                .as("running another version resolves nothing")
                .isEqualTo("2.0.0");

        EnvironmentStatusChanged desired =
                statusChanged(APP, env, 3, UPDATE_PENDING, RUNNING, "2.0.0", "2.0.0 is healthy");
        publish(envelope(WORKER, desired));
        await().until(() -> applied(desired));
        assertThat(environment(env).at("/drift").isNull()).isTrue();
    }

    @Test
    void aDriftArrivingAfterTheSuccessThatResolvedItDoesNotShow() {
        String env = "drift-3";
        DeploymentSucceeded success = succeeded(APP, env, 5, DeploymentId.random(), "3.0.0");
        EnvironmentDriftDetected older = driftDetected(APP, env, 4, "3.0.0", "2.0.0");
        publish(envelope(WORKER, success), envelope(WORKER, older));
        await().until(() -> applied(success, older));
        assertThat(environment(env).at("/drift").isNull()).isTrue();

        EnvironmentDriftDetected newer = driftDetected(APP, env, 6, "3.0.0", "2.0.0");
        publish(envelope(WORKER, newer));
        await().until(() -> applied(newer));
        assertThat(environment(env).at("/drift/actualVersion").asString()).isEqualTo("2.0.0");
    }

    @Test
    void theHistoryIncludesAcceptedCommandsSchedulesDriftsAndStepOutput() {
        String env = "history";
        DeploymentId id = DeploymentId.random();
        CommandId command = CommandId.random();
        CommandAccepted acceptance = accepted(APP, env, 2, command, "environment.create", id, "rest");
        EnvironmentScheduleChanged schedule = scheduleChanged(APP, env, 3, Instant.parse("2026-03-20T09:00:00Z"), null);
        DeploymentStepChanged output = step(APP, env, 3, id, "prepare", DONE, 25, List.of("fetched", "unpacked"));
        EnvironmentDriftDetected drift = driftDetected(APP, env, 4, "1.0.0", null);
        publish(
                envelope(COMMAND_SERVICE, specChanged(APP, env, 1, "1.0.0", List.of(), null, Duration.ofHours(1))),
                envelope(COMMAND_SERVICE, acceptance),
                envelope(COMMAND_SERVICE, schedule),
                envelope(WORKER, queued(APP, env, 1, id, command, "alice", null, "1.0.0")),
                envelope(WORKER, started(APP, env, 2, id)),
                envelope(WORKER, output),
                envelope(WORKER, drift));

        await().until(() -> applied(acceptance, schedule, output, drift));
        List<String> types = new ArrayList<>();
        JsonNode history = get("/api/v1/applications/" + APP + "/environments/" + env + "/history")
                .json();
        history.forEach(entry -> types.add(entry.at("/type").asString()));
        assertThat(types)
                .contains(
                        "command.accepted",
                        "environment.schedule-changed",
                        "deployment.step-changed",
                        "environment.drift-detected");
        JsonNode stepEntry = entry(history, output);
        assertThat(stepEntry.at("/deploymentId").asString()).isEqualTo(id.toString());
        assertThat(stepEntry.at("/event/output/1").asString()).isEqualTo("unpacked");
        assertThat(entry(history, acceptance).at("/event/channel").asString()).isEqualTo("rest");
        assertThat(entry(history, schedule).at("/source").asString()).isEqualTo(COMMAND_SERVICE);
        assertThat(environment(env).at("/drift/actualVersion").isNull())
                .as("a drift that found nothing running")
                .isTrue();
        assertThat(environment(env).at("/drift/desiredVersion").asString()).isEqualTo("1.0.0");
    }

    private JsonNode environment(String env) {
        return get("/api/v1/applications/" + APP + "/environments/" + env).json();
    }

    /** The queue position of each deployment as its own view answers it (null when not QUEUED). */
    private List<Integer> positions(DeploymentId... ids) {
        List<Integer> positions = new ArrayList<>();
        for (DeploymentId id : ids) {
            JsonNode position = get("/api/v1/deployments/" + id).json().at("/position");
            positions.add(position.isNull() ? null : position.asInt());
        }
        return positions;
    }

    private static JsonNode entry(JsonNode history, Event event) {
        for (JsonNode entry : history) {
            if (entry.at("/eventId").asString().equals(event.eventId().toString())) {
                return entry;
            }
        }
        throw new AssertionError("no history entry for " + event.eventId());
    }
}
