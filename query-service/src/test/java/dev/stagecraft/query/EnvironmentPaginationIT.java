package dev.stagecraft.query;

import static dev.stagecraft.query.Fixtures.queued;
import static dev.stagecraft.query.Fixtures.registered;
import static dev.stagecraft.query.Fixtures.specChanged;
import static dev.stagecraft.query.Fixtures.succeeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.command.Stage;
import dev.stagecraft.testsupport.IsolatedEnvironment;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * {@code GET /api/v1/environments} page by page, through the REST entry point: a JSON array per page, the next
 * page's address in {@code Link: <…>; rel="next"} (absent on the last page), {@code X-Total-Count} on the first page,
 * the list order
 * kept across pages (pipeline stages first, then ad-hoc environments by name), filters carried into the next
 * address, and 400 problems naming {@code limit} or {@code after} when they are wrong.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class EnvironmentPaginationIT extends ReadModelScenario {

    static final IsolatedEnvironment infra = IsolatedEnvironment.create("query");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        infra.register(registry);
    }

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(infra::close, "drop-test-database"));
    }

    static final String APP = "pager";
    static final List<String> ALL =
            List.of("development", "qa", "review-1", "review-2", "review-3", "review-4", "review-5");

    final DeploymentId waiting = DeploymentId.random();
    final DeploymentId done = DeploymentId.random();

    /** pager: two stages and five review environments (published out of order); other: one environment. */
    @BeforeAll
    void publishEnvironments() {
        List<Message> events = new ArrayList<>();
        events.add(envelope(COMMAND_SERVICE, registered(APP, Stage.of("development"), Stage.of("qa"))));
        for (String env : List.of("review-4", "qa", "review-2", "review-5", "development", "review-1", "review-3")) {
            events.add(envelope(
                    COMMAND_SERVICE,
                    specChanged(
                            APP, env, 1, "1.0.0", List.of(env.startsWith("review") ? "review" : "stage"), null, null)));
        }
        events.add(
                envelope(COMMAND_SERVICE, specChanged("other", "review-9", 1, "1.0.0", List.of("review"), null, null)));
        events.add(envelope(WORKER, queued(APP, "review-4", 2, done, null, "1.0.0")));
        events.add(envelope(WORKER, succeeded(APP, "review-4", 3, done, "1.0.0")));
        events.add(envelope(WORKER, queued(APP, "review-5", 2, waiting, null, "1.1.0")));
        publish(events);
        await().untilAsserted(() -> {
            assertThat(names("/api/v1/environments?app=" + APP)).hasSize(ALL.size());
            assertThat(get("/api/v1/applications/" + APP + "/environments/review-4")
                            .json()
                            .at("/deployed/version")
                            .asString())
                    .isEqualTo("1.0.0");
            assertThat(get("/api/v1/applications/" + APP + "/environments/review-5")
                            .json()
                            .at("/queued")
                            .size())
                    .isEqualTo(1);
        });
    }

    @Test
    void aListShorterThanAPageIsOneArrayWithoutLink() {
        Page page = page("/api/v1/environments?app=" + APP);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.names()).isEqualTo(ALL);
        assertThat(page.next()).isNull();
        assertThat(page.total()).isEqualTo("7");
    }

    @Test
    void pagesFollowTheLinkHeaderInListOrderUntilTheLastPage() {
        Page first = page("/api/v1/environments?app=" + APP + "&limit=3");
        assertThat(first.names()).containsExactly("development", "qa", "review-1");
        assertThat(first.total()).isEqualTo("7");
        assertThat(first.next())
                .isNotNull()
                .contains("app=" + APP)
                .contains("limit=3")
                .contains("after=");

        Page second = page(first.next());
        assertThat(second.names()).containsExactly("review-2", "review-3", "review-4");
        assertThat(second.json().get(2).at("/deployed/version").asString()).isEqualTo("1.0.0");
        assertThat(second.next()).isNotNull();

        Page last = page(second.next());
        assertThat(last.names()).containsExactly("review-5");
        assertThat(last.json().get(0).at("/queued/0/toVersion").asString()).isEqualTo("1.1.0");
        assertThat(last.json().get(0).at("/queued/0/position").asInt()).isEqualTo(1);
        assertThat(last.next()).as("the last page links to no next page").isNull();
        assertThat(last.total()).as("counted on the first page only").isNull();
    }

    @Test
    void aPageThatEndsExactlyAtTheLastEnvironmentHasNoLink() {
        Page first = page("/api/v1/environments?app=" + APP + "&limit=4");
        assertThat(first.names()).containsExactly("development", "qa", "review-1", "review-2");
        Page second = page(first.next());
        assertThat(second.names()).containsExactly("review-3", "review-4", "review-5");
        assertThat(second.next()).isNull();
        assertThat(page("/api/v1/environments?app=" + APP + "&limit=7").next()).isNull();
    }

    @Test
    void theNextAddressKeepsTheFilters() {
        Page first = page("/api/v1/environments?tag=review&limit=4");
        assertThat(first.json().findValuesAsString("app")).containsExactly("other", APP, APP, APP);
        assertThat(first.names()).containsExactly("review-9", "review-1", "review-2", "review-3");
        assertThat(first.total()).isEqualTo("6");
        assertThat(first.next()).contains("tag=review");
        Page second = page(first.next());
        assertThat(second.names()).containsExactly("review-4", "review-5");
        assertThat(second.next()).isNull();
    }

    @Test
    void aLimitOutsideOneToAThousandOrAMadeUpCursorIsABadRequest() {
        for (String limit : List.of("0", "-1", "1001", "many")) {
            Response bad = get("/api/v1/environments?app=" + APP + "&limit=" + limit);
            assertThat(bad.status()).as(limit).isEqualTo(400);
            assertThat(bad.contentType()).startsWith("application/problem+json");
            assertThat(bad.json().at("/detail").asString())
                    .startsWith("limit '" + limit + "' is not a page size")
                    .contains("from 1 to 1000");
        }
        assertThat(page("/api/v1/environments?app=" + APP + "&limit=1000").names())
                .isEqualTo(ALL);

        Response badCursor = get("/api/v1/environments?app=" + APP + "&after=bm90LWEtY3Vyc29y");
        assertThat(badCursor.status()).isEqualTo(400);
        assertThat(badCursor.json().at("/detail").asString()).startsWith("after 'bm90LWEtY3Vyc29y' is not a position");
    }

    /** One page: its status, its JSON array, the next page's address (Link rel="next") and the total. */
    record Page(
            int status,
            JsonNode json,
            @Nullable String next,
            @Nullable String total) {
        List<String> names() {
            List<String> names = new ArrayList<>();
            json.forEach(environment -> names.add(environment.at("/name").asString()));
            return names;
        }
    }

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");

    /** GETs a path, or an absolute address taken from a Link header, as a viewer of every application. */
    private Page page(@Nullable String pathOrUrl) {
        assertThat(pathOrUrl).as("the address of the page").isNotNull();
        URI uri = pathOrUrl.startsWith("http") ? URI.create(pathOrUrl) : uri(pathOrUrl);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + CommandServiceStandIn.READER_TOKEN)
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String next = response.headers()
                    .firstValue("Link")
                    .map(NEXT::matcher)
                    .filter(Matcher::find)
                    .map(matcher -> matcher.group(1))
                    .orElse(null);
            return new Page(
                    response.statusCode(),
                    Json.tree(response.body()),
                    next,
                    response.headers().firstValue("X-Total-Count").orElse(null));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
