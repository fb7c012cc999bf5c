package dev.stagecraft.query;

import static dev.stagecraft.contracts.StepStatus.DONE;
import static dev.stagecraft.contracts.StepStatus.FAILED;
import static dev.stagecraft.contracts.StepStatus.RUNNING;
import static dev.stagecraft.query.Fixtures.accepted;
import static dev.stagecraft.query.Fixtures.cancelled;
import static dev.stagecraft.query.Fixtures.failed;
import static dev.stagecraft.query.Fixtures.queued;
import static dev.stagecraft.query.Fixtures.started;
import static dev.stagecraft.query.Fixtures.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.event.CommandAccepted;
import dev.stagecraft.contracts.event.DeploymentCancelled;
import dev.stagecraft.contracts.event.DeploymentFailed;
import dev.stagecraft.contracts.event.DeploymentQueued;
import dev.stagecraft.contracts.event.DeploymentStarted;
import dev.stagecraft.contracts.event.DeploymentStepChanged;
import dev.stagecraft.contracts.event.Event;
import dev.stagecraft.testsupport.IsolatedEnvironment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The audit trail of deployments: who asked, when, for what, through which channel, how it ended, and what
 * each step logged; events published to {@code stagecraft.events}, answers read over REST. Step output is
 * capped at 5 lines of 20 characters here, so that the cap shows with few lines.
 */
@SpringBootTest(
        webEnvironment = RANDOM_PORT,
        properties = {"stagecraft.query.step-output.max-lines=5", "stagecraft.query.step-output.max-line-length=20"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DeploymentAuditIT extends ReadModelScenario {

    static final IsolatedEnvironment infra = IsolatedEnvironment.create("query-audit");
    static final String APP = "audit";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        infra.register(registry);
    }

    // dropped after the context closed, see ReadModelIT
    static {
        Runtime.getRuntime().addShutdownHook(new Thread(infra::close, "drop-test-database"));
    }

    @Test
    void aDeploymentAnswersWhoWhenWhatThroughWhichChannelAndHowItEnded() {
        DeploymentId id = DeploymentId.random();
        CommandId command = CommandId.random();
        String env = "qa";
        DeploymentQueued queued = queued(APP, env, 1, id, command, "bob", "1.0.0", "1.1.0");
        DeploymentStarted started = started(APP, env, 2, id);
        DeploymentStepChanged prepareRunning =
                step(APP, env, 3, id, "prepare", RUNNING, 10, List.of("fetching 1.1.0", "unpacked"));
        DeploymentStepChanged prepareDone = step(APP, env, 4, id, "prepare", DONE, 25, List.of("prepared"));
        DeploymentStepChanged startRunning =
                step(APP, env, 5, id, "start", RUNNING, 30, List.of("starting", "DB_PASSWORD=******"));
        DeploymentStepChanged startFailed = step(APP, env, 6, id, "start", FAILED, 30, List.of("exit status 1"));
        DeploymentFailed failed = failed(APP, env, 7, id, "1.1.0", "start failed: exit status 1", "start");
        CommandAccepted acceptedLast = accepted(APP, env, 1, command, "environment.update", id, "slack");
        publish(
                envelope(WORKER, queued),
                envelope(WORKER, started),
                envelope(WORKER, prepareRunning),
                envelope(WORKER, prepareDone),
                envelope(WORKER, startRunning),
                envelope(WORKER, startFailed),
                envelope(WORKER, failed),
                envelope(COMMAND_SERVICE, acceptedLast));

        await().until(() -> "slack".equals(deployment(id).at("/channel").asString(null)));
        JsonNode deployment = deployment(id);
        assertThat(deployment.at("/actor").asString()).isEqualTo("bob");
        assertThat(deployment.at("/commandId").asString()).isEqualTo(command.toString());
        assertThat(deployment.at("/operation").asString()).isEqualTo("DEPLOY");
        assertThat(deployment.at("/fromVersion").asString()).isEqualTo("1.0.0");
        assertThat(deployment.at("/version").asString()).isEqualTo("1.1.0");
        assertThat(instant(deployment, "/requestedAt")).isEqualTo(queued.occurredAt());
        assertThat(instant(deployment, "/startedAt")).isEqualTo(started.occurredAt());
        assertThat(instant(deployment, "/finishedAt")).isEqualTo(failed.occurredAt());
        assertThat(deployment.at("/status").asString()).isEqualTo("FAILED");
        assertThat(deployment.at("/error").asString()).isEqualTo("start failed: exit status 1");
        assertThat(deployment.at("/failedStep").asString()).isEqualTo("start");
        assertThat(deployment.at("/durationMs").asLong()).isEqualTo(3100);
        assertThat(deployment.at("/position").isNull()).isTrue();

        JsonNode prepare = deployment.at("/steps/0");
        assertThat(prepare.at("/name").asString()).isEqualTo("prepare");
        assertThat(prepare.at("/status").asString()).isEqualTo("DONE");
        assertThat(prepare.at("/message").asString()).isEqualTo("prepare done");
        assertThat(instant(prepare, "/startedAt")).isEqualTo(prepareRunning.occurredAt());
        assertThat(instant(prepare, "/finishedAt")).isEqualTo(prepareDone.occurredAt());
        assertThat(lines(prepare)).containsExactly("fetching 1.1.0", "unpacked", "prepared");
        assertThat(prepare.at("/truncated").asBoolean()).isFalse();

        JsonNode start = deployment.at("/steps/1");
        assertThat(start.at("/status").asString()).isEqualTo("FAILED");
        assertThat(lines(start)).containsExactly("starting", "DB_PASSWORD=******", "exit status 1");
        assertThat(instant(start, "/finishedAt")).isEqualTo(startFailed.occurredAt());

        JsonNode healthCheck = deployment.at("/steps/2");
        assertThat(healthCheck.at("/name").asString()).isEqualTo("health-check");
        assertThat(healthCheck.at("/status").asString()).isEqualTo("PENDING");
        assertThat(healthCheck.at("/startedAt").isNull()).isTrue();
        assertThat(healthCheck.at("/finishedAt").isNull()).isTrue();
        assertThat(lines(healthCheck)).isEmpty();
    }

    @Test
    void theChannelIsThatOfTheCommandThatCausedTheDeploymentNotOfOneThatCancelledIt() {
        DeploymentId id = DeploymentId.random();
        CommandId create = CommandId.random();
        CommandId cancel = CommandId.random();
        String env = "review-1";
        DeploymentCancelled cancelled = cancelled(APP, env, 2, id, "1.0.0");
        publish(
                envelope(WORKER, queued(APP, env, 1, id, create, "bob", null, "1.0.0")),
                envelope(COMMAND_SERVICE, accepted(APP, env, 2, cancel, "deployment.cancel", id, "amqp")),
                envelope(WORKER, cancelled));

        await().until(() -> applied(cancelled));
        assertThat(deployment(id).at("/status").asString()).isEqualTo("CANCELLED");
        assertThat(deployment(id).at("/channel").isNull())
                .as("the cancel command's channel is not the deployment's")
                .isTrue();

        publish(envelope(COMMAND_SERVICE, accepted(APP, env, 1, create, "environment.create", id, "rest")));
        await().until(() -> "rest".equals(deployment(id).at("/channel").asString(null)));
    }

    @Test
    void theChannelIsJoinedWhenTheCommandIsAcceptedBeforeTheDeploymentIsKnown() {
        DeploymentId id = DeploymentId.random();
        CommandId command = CommandId.random();
        String env = "review-2";
        CommandAccepted acceptedFirst = accepted(APP, env, 1, command, "promote", id, "webhook");
        publish(
                envelope(COMMAND_SERVICE, acceptedFirst),
                envelope(WORKER, queued(APP, env, 1, id, command, "git", "1.0.0", "1.1.0")));

        await().until(() -> get("/api/v1/deployments/" + id).status() == 200);
        assertThat(deployment(id).at("/channel").asString()).isEqualTo("webhook");
        assertThat(deployment(id).at("/actor").asString()).isEqualTo("git");
    }

    @Test
    void stepOutputFollowsTheOrderOfTheReportsWhateverOrderTheyArriveIn() {
        DeploymentId id = DeploymentId.random();
        String env = "staging";
        DeploymentStepChanged first = step(APP, env, 3, id, "prepare", RUNNING, 10, List.of("one", "two"));
        DeploymentStepChanged second = step(APP, env, 4, id, "prepare", DONE, 25, List.of("three"));
        publish(
                envelope(WORKER, queued(APP, env, 1, id, null, "1.0.0")),
                envelope(WORKER, started(APP, env, 2, id)),
                envelope(WORKER, second),
                envelope(WORKER, first));

        await().until(() -> applied(first, second));
        JsonNode prepare = deployment(id).at("/steps/0");
        assertThat(lines(prepare)).containsExactly("one", "two", "three");
        assertThat(prepare.at("/status").asString())
                .as("the older report does not overwrite the newer status")
                .isEqualTo("DONE");
        assertThat(instant(prepare, "/startedAt"))
                .as("the start is the RUNNING report, though it arrived last")
                .isEqualTo(first.occurredAt());
    }

    @Test
    void aLongOutputKeepsTheNewestLinesAndSaysItWasTruncated() {
        DeploymentId id = DeploymentId.random();
        String env = "load";
        List<DeploymentStepChanged> reports = new ArrayList<>();
        for (int report = 0; report < 3; report++) {
            List<String> output =
                    List.of("line " + (3 * report + 1), "line " + (3 * report + 2), "line " + (3 * report + 3));
            reports.add(step(APP, env, 3 + report, id, "start", RUNNING, 40, output));
        }
        DeploymentStepChanged wide =
                step(APP, env, 6, id, "start", DONE, 50, List.of("a line far wider than twenty characters"));
        reports.add(wide);
        publish(envelope(WORKER, queued(APP, env, 1, id, null, "1.0.0")), envelope(WORKER, started(APP, env, 2, id)));
        publish(reports.stream().map(r -> envelope(WORKER, r)).toList());

        await().until(() -> applied(wide));
        JsonNode start = deployment(id).at("/steps/1");
        assertThat(start.at("/name").asString()).isEqualTo("start");
        assertThat(lines(start)).containsExactly("line 6", "line 7", "line 8", "line 9", "a line far wider tha…");
        assertThat(start.at("/truncated").asBoolean()).isTrue();
        assertThat(start.at("/outputLines").asLong()).isEqualTo(10);
    }

    @Test
    void theListOfAnEnvironmentsDeploymentsIsLightButHasStatusAndPosition() {
        DeploymentId running = DeploymentId.random();
        DeploymentId waiting = DeploymentId.random();
        String env = "development";
        List<Event> story = List.of(
                queued(APP, env, 1, running, null, "1.0.0"),
                started(APP, env, 2, running),
                step(APP, env, 3, running, "prepare", RUNNING, 10, List.of("a", "b")),
                queued(APP, env, 4, waiting, "1.0.0", "1.1.0"));
        Event waits = story.getLast();
        publish(story.stream().map(event -> envelope(WORKER, event)).toList());

        await().until(() -> applied(waits));
        JsonNode list = get("/api/v1/applications/" + APP + "/environments/" + env + "/deployments")
                .json();
        assertThat(list.size()).isEqualTo(2);
        assertThat(list.at("/0/id").asString()).isEqualTo(waiting.toString());
        assertThat(list.at("/0/status").asString()).isEqualTo("QUEUED");
        assertThat(list.at("/0/position").asInt()).isEqualTo(1);
        assertThat(list.at("/1/id").asString()).isEqualTo(running.toString());
        assertThat(list.at("/1/status").asString()).isEqualTo("RUNNING");
        assertThat(list.at("/1/position").isNull()).isTrue();
        JsonNode prepare = list.at("/1/steps/0");
        assertThat(prepare.at("/status").asString()).isEqualTo("RUNNING");
        assertThat(prepare.at("/output").isNull()).as("no output in lists").isTrue();
        assertThat(prepare.at("/outputLines").asLong()).isEqualTo(2);
        assertThat(lines(deployment(running).at("/steps/0"))).containsExactly("a", "b");
    }

    private JsonNode deployment(DeploymentId id) {
        return get("/api/v1/deployments/" + id).json();
    }

    private static Instant instant(JsonNode node, String pointer) {
        return Instant.parse(node.at(pointer).asString());
    }

    private static List<String> lines(JsonNode step) {
        List<String> lines = new ArrayList<>();
        step.at("/output").forEach(line -> lines.add(line.asString()));
        return lines;
    }
}
