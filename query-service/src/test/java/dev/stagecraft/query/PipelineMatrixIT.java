package dev.stagecraft.query;

import static dev.stagecraft.query.Fixtures.now;
import static dev.stagecraft.query.Fixtures.queued;
import static dev.stagecraft.query.Fixtures.registered;
import static dev.stagecraft.query.Fixtures.specChanged;
import static dev.stagecraft.query.Fixtures.started;
import static dev.stagecraft.query.Fixtures.succeeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.EventId;
import dev.stagecraft.contracts.command.Stage;
import dev.stagecraft.contracts.event.DeploymentApproved;
import dev.stagecraft.contracts.event.DeploymentAwaitingApproval;
import dev.stagecraft.contracts.event.DeploymentCancelled;
import dev.stagecraft.contracts.event.DeploymentRejected;
import dev.stagecraft.contracts.event.DeploymentSucceeded;
import dev.stagecraft.contracts.event.EnvironmentLockChanged;
import dev.stagecraft.contracts.event.EnvironmentSpecChanged;
import dev.stagecraft.contracts.event.Event;
import dev.stagecraft.testsupport.IsolatedEnvironment;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The pipeline matrix and the environment views as the promotion pipeline fills them: per stage who deployed what
 * runs and when, the deployments awaiting approval (until approved, rejected or cancelled) and the environment's
 * lock ({@code environment.lock-changed}, applied in order); events published as command-service and
 * deployer-worker publish them, answers read over REST.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PipelineMatrixIT extends ReadModelScenario {

    static final IsolatedEnvironment infra = IsolatedEnvironment.create("query-matrix");
    static final String APP = "matrix";

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
        publish(envelope(
                COMMAND_SERVICE,
                registered(APP, Stage.of("development"), Stage.of("qa"), new Stage("prod", true, false, null))));
        await().until(() -> get("/api/v1/applications/" + APP).status() == 200);
    }

    @Test
    void aStageShowsWhoDeployedWhatRunsAndWhatAwaitsApprovalUntilItIsDecided() {
        DeploymentId deploy = DeploymentId.random();
        DeploymentSucceeded done = succeeded(APP, "prod", 3, deploy, "1.0.0");
        EnvironmentSpecChanged spec = specChanged(APP, "prod", 1, "1.0.0", null, Map.of(), List.of(), Map.of());
        publish(
                envelope(COMMAND_SERVICE, spec),
                envelope(WORKER, queued(APP, "prod", 1, deploy, CommandId.random(), "dora", null, "1.0.0")),
                envelope(WORKER, started(APP, "prod", 2, deploy)),
                envelope(WORKER, done));
        DeploymentId approved = DeploymentId.random();
        DeploymentId rejected = DeploymentId.random();
        DeploymentId cancelled = DeploymentId.random();
        Event firstRequest = awaiting(2, approved, "1.1.0");
        Event secondRequest = awaiting(3, rejected, "1.2.0");
        Event lastRequest = awaiting(4, cancelled, "1.3.0");
        publish(
                envelope(COMMAND_SERVICE, firstRequest),
                envelope(COMMAND_SERVICE, secondRequest),
                envelope(COMMAND_SERVICE, lastRequest));
        await().until(() -> applied(done, lastRequest));

        JsonNode prod = stage(2);
        assertThat(prod.at("/version").asString()).isEqualTo("1.0.0");
        assertThat(prod.at("/deployedBy").asString()).isEqualTo("dora");
        assertThat(Instant.parse(prod.at("/deployedAt").asString())).isEqualTo(done.occurredAt());
        JsonNode awaiting = prod.at("/awaitingApproval");
        assertThat(awaiting.size()).isEqualTo(3);
        assertThat(awaiting.at("/0/deploymentId").asString()).isEqualTo(approved.toString());
        assertThat(awaiting.at("/0/version").asString()).isEqualTo("1.1.0");
        assertThat(awaiting.at("/0/fromVersion").asString()).isEqualTo("1.0.0");
        assertThat(awaiting.at("/0/actor").asString()).isEqualTo("bob");
        assertThat(environment("prod").at("/awaitingApproval").size()).isEqualTo(3);

        Event cancel = new DeploymentCancelled(
                EventId.random(),
                now(),
                CommandId.random(),
                "bob",
                APP,
                "prod",
                7,
                cancelled,
                "1.3.0",
                "cancelled by bob before it was approved",
                null,
                0);
        publish(
                envelope(COMMAND_SERVICE, decided(true, 5, approved, "1.1.0")),
                envelope(COMMAND_SERVICE, decided(false, 6, rejected, "1.2.0")),
                envelope(COMMAND_SERVICE, cancel));
        await().until(() -> applied(cancel));
        assertThat(stage(2).at("/awaitingApproval").size()).isZero();
        assertThat(get("/api/v1/deployments/" + rejected).json().at("/status").asString())
                .isEqualTo("REJECTED");
        assertThat(stage(1).at("/awaitingApproval").size()).isZero();
        assertThat(absent(stage(1).at("/deployedBy"))).isTrue();
    }

    @Test
    void theLockShowsOnTheEnvironmentInListsAndInTheMatrixAndGoesWhenUnlocked() {
        Instant lockedAt = Instant.parse("2026-03-14T10:00:00Z");
        EnvironmentLockChanged locked = lockChanged(10, true, "carol", "release freeze", lockedAt);
        publish(envelope(COMMAND_SERVICE, locked));
        await().until(() -> applied(locked));

        JsonNode lock = environment("qa").at("/lock");
        assertThat(lock.at("/holder").asString()).isEqualTo("carol");
        assertThat(lock.at("/reason").asString()).isEqualTo("release freeze");
        assertThat(Instant.parse(lock.at("/lockedAt").asString())).isEqualTo(lockedAt);
        assertThat(stage(1).at("/lock/holder").asString()).isEqualTo("carol");
        JsonNode listed = get("/api/v1/environments?app=" + APP).json();
        listed.forEach(environment -> {
            if (environment.at("/name").asString().equals("qa")) {
                assertThat(environment.at("/lock/reason").asString()).isEqualTo("release freeze");
            }
        });

        EnvironmentLockChanged unlocked = lockChanged(12, false, null, null, null);
        EnvironmentLockChanged stale = lockChanged(11, true, "mallory", "late", lockedAt);
        publish(envelope(COMMAND_SERVICE, unlocked), envelope(COMMAND_SERVICE, stale));
        await().until(() -> applied(unlocked, stale));
        assertThat(absent(environment("qa").at("/lock"))).isTrue();
        assertThat(absent(stage(1).at("/lock"))).isTrue();
    }

    private static DeploymentAwaitingApproval awaiting(long sequence, DeploymentId id, String version) {
        return new DeploymentAwaitingApproval(
                EventId.random(),
                now(),
                CommandId.random(),
                "bob",
                APP,
                "prod",
                sequence,
                id,
                null,
                version,
                "1.0.0",
                "prod",
                null);
    }

    private static Event decided(boolean approve, long sequence, DeploymentId id, String version) {
        return approve
                ? new DeploymentApproved(
                        EventId.random(),
                        now(),
                        CommandId.random(),
                        "carol",
                        APP,
                        "prod",
                        sequence,
                        id,
                        "carol",
                        version,
                        "1.0.0",
                        "prod",
                        "looks good")
                : new DeploymentRejected(
                        EventId.random(),
                        now(),
                        CommandId.random(),
                        "carol",
                        APP,
                        "prod",
                        sequence,
                        id,
                        "carol",
                        version,
                        "1.0.0",
                        "prod",
                        "not on a Friday");
    }

    private static EnvironmentLockChanged lockChanged(
            long sequence, boolean locked, @Nullable String holder, @Nullable String reason, @Nullable Instant at) {
        return new EnvironmentLockChanged(
                EventId.random(), now(), CommandId.random(), "carol", APP, "qa", sequence, locked, holder, reason, at);
    }

    private JsonNode stage(int index) {
        return get("/api/v1/applications/" + APP).json().at("/pipeline/" + index);
    }

    private JsonNode environment(String name) {
        return get("/api/v1/applications/" + APP + "/environments/" + name).json();
    }

    private static boolean absent(JsonNode node) {
        return node.isNull() || node.isMissingNode();
    }
}
