package dev.stagecraft.query;

import static dev.stagecraft.contracts.EnvironmentStatus.CREATE_PENDING;
import static dev.stagecraft.contracts.EnvironmentStatus.FAILURE;
import static dev.stagecraft.contracts.EnvironmentStatus.RUNNING;
import static dev.stagecraft.contracts.EnvironmentStatus.UPDATE_PENDING;
import static dev.stagecraft.contracts.StepStatus.DONE;
import static dev.stagecraft.query.Fixtures.queued;
import static dev.stagecraft.query.Fixtures.registered;
import static dev.stagecraft.query.Fixtures.specChanged;
import static dev.stagecraft.query.Fixtures.started;
import static dev.stagecraft.query.Fixtures.statusChanged;
import static dev.stagecraft.query.Fixtures.step;
import static dev.stagecraft.query.Fixtures.succeeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.EnvironmentStatus;
import dev.stagecraft.contracts.Operation;
import dev.stagecraft.contracts.command.Stage;
import dev.stagecraft.contracts.event.EnvironmentLink;
import dev.stagecraft.contracts.event.EnvironmentStatusChanged;
import dev.stagecraft.contracts.event.Event;
import dev.stagecraft.testsupport.IsolatedEnvironment;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.amqp.core.Message;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The read model against real PostgreSQL and RabbitMQ: events are published to {@code stagecraft.events}
 * exactly as command-service and deployer-worker publish them, and the answers are read over REST.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ReadModelIT extends ReadModelScenario {

    static final IsolatedEnvironment infra = IsolatedEnvironment.create("query");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        infra.register(registry);
    }

    /*
     * The database is dropped only after the context closed (@DirtiesContext closes it when the class ends): on
     * close, the outbox relay still flushes what is left to the broker from the database, and would wait for a connection
     * to a dropped database until the forked JVM is killed. @AfterAll would run before the context closes.
     */
    static {
        Runtime.getRuntime().addShutdownHook(new Thread(infra::close, "drop-test-database"));
    }

    final DeploymentId first = DeploymentId.random();
    final DeploymentId second = DeploymentId.random();

    /** shop: registered, development deployed with 1.8.0 and updated to 1.9.0, plus a review environment. */
    @BeforeAll
    void publishTheShopStory() {
        List<Message> story = new ArrayList<>();
        story.add(envelope(
                COMMAND_SERVICE,
                registered(
                        "shop",
                        new Stage("development", false, false, "develop"),
                        Stage.of("qa"),
                        new Stage("staging", false, true, null),
                        new Stage("prod", true, false, null))));
        story.add(envelope(
                COMMAND_SERVICE,
                specChanged("shop", "development", 1, "1.8.0", List.of("team-a"), "the development stage", null)));
        story.addAll(deployment("development", first, 1, null, "1.8.0", CREATE_PENDING));
        story.add(envelope(
                COMMAND_SERVICE,
                specChanged("shop", "development", 2, "1.9.0", List.of("team-a"), "the development stage", null)));
        story.addAll(deployment("development", second, 9, "1.8.0", "1.9.0", UPDATE_PENDING));
        story.add(envelope(
                COMMAND_SERVICE,
                specChanged(
                        "shop", "review-1432", 1, "2.0.0-rc1", List.of("review"), "PR 1432", Duration.ofHours(72))));
        publish(story);

        await().untilAsserted(() -> {
            JsonNode development =
                    get("/api/v1/applications/shop/environments/development").json();
            assertThat(development.at("/version").asString()).isEqualTo("1.9.0");
            assertThat(development.at("/lastDeployment/status").asString()).isEqualTo("SUCCEEDED");
            assertThat(get("/api/v1/environments?app=shop").json().size()).isEqualTo(2);
        });
    }

    /** A deployment as deployer-worker reports it: queued, started, four steps, RUNNING, succeeded (8 sequences). */
    private static List<Message> deployment(
            String env, DeploymentId id, long sequence, @Nullable String from, String to, EnvironmentStatus pending) {
        List<Message> messages = new ArrayList<>();
        messages.add(envelope(WORKER, queued("shop", env, sequence, id, from, to)));
        messages.add(envelope(WORKER, started("shop", env, sequence + 1, id)));
        for (int i = 0; i < Fixtures.PLAN.size(); i++) {
            messages.add(envelope(
                    WORKER, step("shop", env, sequence + 2 + i, id, Fixtures.PLAN.get(i), DONE, 25 * (i + 1))));
        }
        messages.add(
                envelope(WORKER, statusChanged("shop", env, sequence + 6, pending, RUNNING, to, to + " is healthy")));
        messages.add(envelope(WORKER, succeeded("shop", env, sequence + 7, id, to)));
        return messages;
    }

    @Test
    void theApplicationAnswersItsPipelineMatrix() {
        JsonNode shop = get("/api/v1/applications/shop").json();

        assertThat(shop.at("/name").asString()).isEqualTo("shop");
        assertThat(shop.at("/pipeline").size()).isEqualTo(4);
        JsonNode development = shop.at("/pipeline/0");
        assertThat(development.at("/stage").asString()).isEqualTo("development");
        assertThat(development.at("/environment").asString()).isEqualTo("development");
        assertThat(development.at("/branch").asString()).isEqualTo("develop");
        assertThat(development.at("/version").asString()).isEqualTo("1.9.0");
        assertThat(development.at("/status").asString()).isEqualTo("RUNNING");
        assertThat(development.at("/statusReason").asString()).isEqualTo("1.9.0 is healthy");
        assertThat(development.at("/updatedAt").isString()).isTrue();
        assertThat(development.at("/lastDeployment/id").asString()).isEqualTo(second.toString());
        assertThat(development.at("/lastDeployment/actor").asString()).isEqualTo(Fixtures.ALICE);
        assertThat(development.at("/lastDeployment/finishedAt").isString()).isTrue();
        assertThat(shop.at("/pipeline/1/stage").asString()).isEqualTo("qa");
        assertThat(shop.at("/pipeline/1/status").isNull()).isTrue();
        assertThat(shop.at("/pipeline/3/requiresApproval").asBoolean()).isTrue();
        assertThat(shop.at("/environments").size()).isEqualTo(1);
        assertThat(shop.at("/environments/0/name").asString()).isEqualTo("review-1432");

        JsonNode applications = get("/api/v1/applications").json();
        assertThat(applications.at("/0/name").asString()).isEqualTo("shop");
        assertThat(applications.at("/0/stages/3").asString()).isEqualTo("prod");
    }

    @Test
    void anEnvironmentAnswersWhatRunsAndWhatIsAskedFor() {
        JsonNode development =
                get("/api/v1/applications/shop/environments/development").json();

        assertThat(development.at("/app").asString()).isEqualTo("shop");
        assertThat(development.at("/name").asString()).isEqualTo("development");
        assertThat(development.at("/stage").asString()).isEqualTo("development");
        assertThat(development.at("/status").asString()).isEqualTo("RUNNING");
        assertThat(development.at("/desiredVersion").asString()).isEqualTo("1.9.0");
        assertThat(development.at("/overrides/LOG_LEVEL").asString()).isEqualTo("debug");
        assertThat(development.at("/secretKeys/0").asString()).isEqualTo("DB_PASSWORD");
        assertThat(development.at("/tags/0").asString()).isEqualTo("team-a");
        assertThat(development.at("/lastDeployment/id").asString()).isEqualTo(second.toString());

        JsonNode review =
                get("/api/v1/applications/shop/environments/review-1432").json();
        assertThat(review.at("/stage").isNull()).isTrue();
        assertThat(review.at("/ttl").asString()).isEqualTo("PT72H");
        assertThat(review.at("/description").asString()).isEqualTo("PR 1432");
        assertThat(review.at("/links").isArray()).isTrue();
        assertThat(review.at("/links").size()).isZero();
    }

    @Test
    void anEnvironmentAnswersTheDriversLinksOfItsCurrentSucceededDeploymentUntilItIsArchived() {
        DeploymentId deploy = DeploymentId.random();
        DeploymentId older = DeploymentId.random();
        DeploymentId archive = DeploymentId.random();
        List<EnvironmentLink> links = List.of(
                new EnvironmentLink("application", "https://qa.links.example.com/"),
                new EnvironmentLink("console", "noop://links/qa"));
        publish(List.of(
                envelope(WORKER, succeeded("links", "qa", 9, deploy, "2.0.0", links)),
                envelope(
                        WORKER,
                        succeeded(
                                "links",
                                "qa",
                                5,
                                older,
                                "1.0.0",
                                List.of(new EnvironmentLink("application", "https://stale.example.com/"))))));

        await().until(() -> eventIds("links", "qa").size() == 2);
        JsonNode qa = get("/api/v1/applications/links/environments/qa").json();
        assertThat(qa.at("/version").asString()).isEqualTo("2.0.0");
        assertThat(qa.at("/links").size()).isEqualTo(2);
        assertThat(qa.at("/links/0/name").asString()).isEqualTo("application");
        assertThat(qa.at("/links/0/url").asString()).isEqualTo("https://qa.links.example.com/");
        assertThat(qa.at("/links/1/name").asString()).isEqualTo("console");
        assertThat(qa.at("/links/1/url").asString()).isEqualTo("noop://links/qa");

        publish(List.of(
                envelope(WORKER, Fixtures.queuedOperation("links", "qa", 10, archive, Operation.ARCHIVE, "2.0.0")),
                envelope(WORKER, succeeded("links", "qa", 11, archive, "2.0.0"))));

        await().until(() -> eventIds("links", "qa").size() == 4);
        JsonNode archived = get("/api/v1/applications/links/environments/qa").json();
        assertThat(archived.at("/links").isArray()).isTrue();
        assertThat(archived.at("/links").size()).isZero();
    }

    @Test
    void environmentsAreFilteredByAppStatusTagAndText() {
        assertThat(names("/api/v1/environments?app=shop")).containsExactly("development", "review-1432");
        assertThat(names("/api/v1/environments?app=shop&status=RUNNING")).containsExactly("development");
        assertThat(names("/api/v1/environments?tag=review")).containsExactly("review-1432");
        assertThat(names("/api/v1/environments?app=shop&q=1432")).containsExactly("review-1432");
        assertThat(names("/api/v1/environments?app=shop&q=TEAM")).containsExactly("development");
        assertThat(names("/api/v1/environments?app=nothing")).isEmpty();
    }

    @Test
    void deploymentsAreListedNewestFirstWithTheirSteps() {
        JsonNode deployments = get("/api/v1/applications/shop/environments/development/deployments")
                .json();

        assertThat(deployments.size()).isEqualTo(2);
        assertThat(deployments.at("/0/id").asString()).isEqualTo(second.toString());
        assertThat(deployments.at("/0/fromVersion").asString()).isEqualTo("1.8.0");
        assertThat(deployments.at("/0/version").asString()).isEqualTo("1.9.0");
        assertThat(deployments.at("/1/id").asString()).isEqualTo(first.toString());
        assertThat(deployments.at("/1/fromVersion").isNull()).isTrue();

        JsonNode deployment = get("/api/v1/deployments/" + second).json();
        assertThat(deployment.at("/app").asString()).isEqualTo("shop");
        assertThat(deployment.at("/environment").asString()).isEqualTo("development");
        assertThat(deployment.at("/operation").asString()).isEqualTo("DEPLOY");
        assertThat(deployment.at("/status").asString()).isEqualTo("SUCCEEDED");
        assertThat(deployment.at("/actor").asString()).isEqualTo(Fixtures.ALICE);
        assertThat(deployment.at("/requestedAt").isString()).isTrue();
        assertThat(deployment.at("/finishedAt").isString()).isTrue();
        assertThat(deployment.at("/steps").size()).isEqualTo(4);
        assertThat(deployment.at("/steps/0/name").asString()).isEqualTo("prepare");
        assertThat(deployment.at("/steps/3/name").asString()).isEqualTo("switch");
        assertThat(deployment.at("/steps/3/status").asString()).isEqualTo("DONE");
        assertThat(deployment.at("/steps/3/message").asString()).isEqualTo("switch done");
    }

    @Test
    void aDuplicatedDeliveryHasOneEffect() {
        EnvironmentStatusChanged created = statusChanged("dup", "qa", 1, CREATE_PENDING, RUNNING, "1.0.0", "healthy");
        EnvironmentStatusChanged marker = statusChanged("dup", "qa", 2, RUNNING, UPDATE_PENDING, "1.0.0", "deploying");
        Message delivery = envelope(WORKER, created);
        Message sameEventOtherMessageId =
                envelope(WORKER, created, UUID.randomUUID().toString());
        publish(List.of(delivery, delivery, sameEventOtherMessageId, envelope(WORKER, marker)));

        await().until(() -> eventIds("dup", "qa").contains(marker.eventId().toString()));
        assertThat(eventIds("dup", "qa"))
                .containsExactly(marker.eventId().toString(), created.eventId().toString());
    }

    @Test
    void anOlderEventDoesNotOverwriteANewerOneFromTheSameSource() {
        EnvironmentStatusChanged newer =
                statusChanged("late", "qa", 5, UPDATE_PENDING, RUNNING, "1.1.0", "1.1.0 is healthy");
        EnvironmentStatusChanged older = statusChanged("late", "qa", 4, RUNNING, FAILURE, null, "check failed");
        Event spec = specChanged("late", "qa", 1, "1.1.0", List.of(), null, null);
        publish(List.of(envelope(WORKER, newer), envelope(WORKER, older), envelope(COMMAND_SERVICE, spec)));

        await().until(() -> eventIds("late", "qa").size() == 3);
        JsonNode qa = get("/api/v1/applications/late/environments/qa").json();
        assertThat(qa.at("/status").asString()).isEqualTo("RUNNING");
        assertThat(qa.at("/statusReason").asString()).isEqualTo("1.1.0 is healthy");
        assertThat(qa.at("/failure").isNull()).isTrue();
        assertThat(qa.at("/version").asString()).isEqualTo("1.1.0");
        assertThat(qa.at("/desiredVersion").asString())
                .as("another source counts apart")
                .isEqualTo("1.1.0");
    }

    @Test
    void theLastDeploymentIsTheLastRequestedWhateverOrderTheirEventsArriveIn() {
        DeploymentId earlier = DeploymentId.random();
        Event earlierQueued = queued("order", "qa", 1, earlier, null, "1.0.0");
        Event earlierDone = succeeded("order", "qa", 2, earlier, "1.0.0");
        DeploymentId later = DeploymentId.random();
        Event laterQueued = queued("order", "qa", 3, later, "1.0.0", "1.1.0");
        publish(List.of(envelope(WORKER, laterQueued)));
        await().until(() -> eventIds("order", "qa").size() == 1);
        publish(List.of(envelope(WORKER, earlierQueued), envelope(WORKER, earlierDone)));

        await().until(() -> eventIds("order", "qa").size() == 3);
        JsonNode qa = get("/api/v1/applications/order/environments/qa").json();
        assertThat(qa.at("/lastDeployment/id").asString())
                .as("the deployment requested earlier arrived later, and is not the last one")
                .isEqualTo(later.toString());

        Event laterDone = succeeded("order", "qa", 4, later, "1.1.0");
        DeploymentId latest = DeploymentId.random();
        publish(List.of(
                envelope(WORKER, laterDone), envelope(WORKER, queued("order", "qa", 5, latest, "1.1.0", "1.2.0"))));
        await().until(() -> eventIds("order", "qa").size() == 5);
        assertThat(get("/api/v1/applications/order/environments/qa")
                        .json()
                        .at("/lastDeployment/id")
                        .asString())
                .isEqualTo(latest.toString());
    }

    @Test
    void aDeploymentEventOvertakingTheStatusChangeBeforeItDoesNotMakeItStale() {
        DeploymentId id = DeploymentId.random();
        EnvironmentStatusChanged running =
                statusChanged("race", "qa", 8, CREATE_PENDING, RUNNING, "2.0.0", "2.0.0 is healthy");
        Event done = succeeded("race", "qa", 9, id, "2.0.0");
        publish(List.of(envelope(WORKER, done), envelope(WORKER, running)));

        await().until(() -> eventIds("race", "qa").size() == 2);
        JsonNode qa = get("/api/v1/applications/race/environments/qa").json();
        assertThat(qa.at("/status").asString()).isEqualTo("RUNNING");
        assertThat(qa.at("/version").asString()).isEqualTo("2.0.0");
    }

    @Test
    void aMalformedEventIsDeadLetteredAndAnUnknownTypeSkipped() {
        String missingDeploymentId = UUID.randomUUID().toString();
        String notJson = UUID.randomUUID().toString();
        String unknownType = UUID.randomUUID().toString();
        EnvironmentStatusChanged marker = statusChanged("dlq", "qa", 1, CREATE_PENDING, RUNNING, "1.0.0", "healthy");
        publish(List.of(
                raw(
                        "deployment.succeeded",
                        missingDeploymentId,
                        "{\"eventId\":\"" + missingDeploymentId
                                + "\",\"occurredAt\":\"2026-03-14T09:00:00Z\",\"actor\":\"w\",\"sequence\":1,"
                                + "\"app\":\"dlq\",\"environment\":\"qa\",\"version\":\"1.0.0\",\"durationMs\":1}"),
                raw("environment.status-changed", notJson, "this is not JSON"),
                raw("environment.renamed", unknownType, "{\"eventId\":\"" + unknownType + "\"}"),
                envelope(WORKER, marker)));

        Set<String> deadLetters = new HashSet<>();
        await().untilAsserted(() -> {
            drain(deadLetters);
            assertThat(deadLetters).contains(missingDeploymentId, notJson);
        });
        await().until(() -> eventIds("dlq", "qa").contains(marker.eventId().toString()));
        drain(deadLetters);
        assertThat(deadLetters).doesNotContain(unknownType, marker.eventId().toString());
    }

    @Test
    void unknownThingsAreAnsweredWithProblems() {
        Response environment = get("/api/v1/applications/nowhere/environments/qa");
        assertThat(environment.status()).isEqualTo(404);
        assertThat(environment.contentType()).startsWith("application/problem+json");
        assertThat(environment.json().at("/detail").asString())
                .isEqualTo("environment nowhere/qa is unknown to query-service; "
                        + "list environments with GET /api/v1/environments?app=nowhere");

        assertThat(get("/api/v1/applications/nowhere").status()).isEqualTo(404);
        assertThat(get("/api/v1/applications/nowhere/environments/qa/deployments")
                        .status())
                .isEqualTo(404);
        assertThat(get("/api/v1/deployments/" + UUID.randomUUID()).status()).isEqualTo(404);
        Response badId = get("/api/v1/deployments/not-a-uuid");
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.json().at("/detail").asString()).startsWith("'not-a-uuid' is not a deployment id");
        Response badStatus = get("/api/v1/environments?status=SLEEPING");
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.json().at("/detail").asString()).contains("RUNNING");
    }

    @Test
    void servesHealthMetricsAndBrowsersOnOtherOrigins() throws Exception {
        assertThat(get("/actuator/health/readiness").json().at("/status").asString())
                .isEqualTo("UP");
        assertThat(get("/actuator/prometheus").text()).contains("jvm_memory_used_bytes");

        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri("/api/v1/applications"))
                        .header("Origin", "https://dashboard.example")
                        .header("Authorization", "Bearer " + CommandServiceStandIn.READER_TOKEN)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isPresent();
    }
}
