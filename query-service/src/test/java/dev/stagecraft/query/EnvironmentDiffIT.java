package dev.stagecraft.query;

import static dev.stagecraft.contracts.EnvironmentStatus.CREATE_PENDING;
import static dev.stagecraft.contracts.EnvironmentStatus.RUNNING;
import static dev.stagecraft.query.Fixtures.registered;
import static dev.stagecraft.query.Fixtures.specChanged;
import static dev.stagecraft.query.Fixtures.statusChanged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.boot.test.context.SpringBootTest.WebEnvironment.RANDOM_PORT;

import dev.stagecraft.contracts.command.Stage;
import dev.stagecraft.contracts.event.EnvironmentSpecChanged;
import dev.stagecraft.contracts.event.EnvironmentStatusChanged;
import dev.stagecraft.testsupport.IsolatedEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.util.FileUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /applications/{app}/diff}: events published to {@code stagecraft.events} for environments with
 * different versions, overrides and secret fingerprints, and a real git repository made with JGit in a temporary
 * directory: commits tagged {@code 1.0.0} (annotated), {@code v1.1.0} (lightweight) and {@code 1.2.0} on the main
 * line, and an untagged hotfix branched from {@code 1.0.0} that prod names by its commit id.
 */
@SpringBootTest(webEnvironment = RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class EnvironmentDiffIT extends ReadModelScenario {

    static final IsolatedEnvironment infra = IsolatedEnvironment.create("query-diff");
    static final Path work = temporaryDirectory();
    static final Path cache = work.resolve("cache");
    static final String APP = "diffshop";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        infra.register(registry);
        registry.add("stagecraft.query.git.cache-dir", cache::toString);
        // every missing commit may be fetched at once, so that a commit pushed during the test is found
        registry.add("stagecraft.query.git.fetch-interval", () -> "0s");
        registry.add("stagecraft.query.git.timeout", () -> "10s");
    }

    // dropped after the context closed, see ReadModelIT
    static {
        Runtime.getRuntime().addShutdownHook(new Thread(infra::close, "drop-test-database"));
    }

    Git origin;
    RevCommit initial;
    RevCommit cart;
    RevCommit checkout;
    RevCommit hotfix;

    @BeforeAll
    void repositoryAndEnvironments() throws Exception {
        origin = Git.init()
                .setDirectory(work.resolve("origin").toFile())
                .setInitialBranch("main")
                .call();
        initial = commit("README.md", "initial import", "Ann");
        origin.tag()
                .setName("1.0.0")
                .setAnnotated(true)
                .setMessage("release 1.0.0")
                .setObjectId(initial)
                .call();
        cart = commit("cart.txt", "add the cart", "Bob");
        origin.tag().setName("v1.1.0").setAnnotated(false).setObjectId(cart).call();
        checkout = commit("checkout.txt", "add the checkout\n\nwith a body that is not the subject", "Cid");
        origin.tag()
                .setName("1.2.0")
                .setAnnotated(true)
                .setMessage("release 1.2.0")
                .setObjectId(checkout)
                .call();
        origin.checkout()
                .setCreateBranch(true)
                .setName("hotfix")
                .setStartPoint(initial)
                .call();
        hotfix = commit("fix.txt", "fix the price rounding", "Dee");
        origin.checkout().setName("main").call();

        List<EnvironmentSpecChanged> specs = List.of(
                specChanged(
                        APP,
                        "qa",
                        1,
                        "1.2.0",
                        null,
                        Map.of("LOG_LEVEL", "debug", "FEATURE_X", "on", "REGION", "eu"),
                        List.of("API_TOKEN", "DB_PASSWORD", "LEGACY", "NEW_TOKEN"),
                        Map.of("DB_PASSWORD", "fp-db-1", "API_TOKEN", "fp-api-1", "NEW_TOKEN", "fp-new")),
                specChanged(
                        APP,
                        "prod",
                        1,
                        "1.0.1",
                        hotfix.name(),
                        Map.of("LOG_LEVEL", "info", "REGION", "eu", "OLD_FLAG", "yes"),
                        List.of("API_TOKEN", "DB_PASSWORD", "LEGACY", "OLD_SECRET"),
                        Map.of(
                                "DB_PASSWORD",
                                "fp-db-1",
                                "API_TOKEN",
                                "fp-api-2",
                                "LEGACY",
                                "fp-l",
                                "OLD_SECRET",
                                "fp-o")),
                specChanged(APP, "staging", 1, "1.1.0", null, Map.of(), List.of(), Map.of()),
                specChanged(
                        APP,
                        "lost",
                        1,
                        "1.0.0",
                        "0123456789abcdef0123456789abcdef01234567",
                        Map.of(),
                        List.of(),
                        Map.of()),
                specChanged("lostshop", "qa", 1, "2.0.0", null, Map.of("A", "1"), List.of(), Map.of()),
                specChanged("lostshop", "prod", 1, "1.0.0", null, Map.of("A", "2"), List.of(), Map.of()));
        List<EnvironmentStatusChanged> statuses = List.of(
                statusChanged(APP, "qa", 1, CREATE_PENDING, RUNNING, "1.2.0", "1.2.0 is healthy"),
                statusChanged(APP, "prod", 1, CREATE_PENDING, RUNNING, "1.0.1", "1.0.1 is healthy"));
        publish(
                envelope(
                        COMMAND_SERVICE,
                        registered(APP, work.resolve("origin").toString(), Stage.of("qa"), Stage.of("prod"))),
                envelope(
                        COMMAND_SERVICE,
                        registered("lostshop", "http://127.0.0.1:1/lost.git", Stage.of("qa"), Stage.of("prod"))));
        await().until(() -> get("/api/v1/applications/" + APP).status() == 200
                && get("/api/v1/applications/lostshop").status() == 200);
        List<org.springframework.amqp.core.Message> messages = new ArrayList<>();
        specs.forEach(spec -> messages.add(envelope(COMMAND_SERVICE, spec)));
        statuses.forEach(status -> messages.add(envelope(WORKER, status)));
        publish(messages);
        await().until(() -> applied(specs.toArray(EnvironmentSpecChanged[]::new))
                && applied(statuses.toArray(EnvironmentStatusChanged[]::new)));
    }

    @AfterAll
    void removeRepositories() throws IOException {
        origin.close();
        FileUtils.delete(work.toFile(), FileUtils.RECURSIVE | FileUtils.RETRY);
    }

    @Test
    void diffShowsVersionsOverridesSecretsCommitsAndTheCommandThatCatchesUp() {
        Response response = get("/api/v1/applications/" + APP + "/diff?from=qa&to=prod");

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode diff = response.json();
        assertThat(diff.at("/from/environment").asString()).isEqualTo("qa");
        assertThat(diff.at("/from/desiredVersion").asString()).isEqualTo("1.2.0");
        assertThat(diff.at("/from/version").asString()).isEqualTo("1.2.0");
        assertThat(diff.at("/from/status").asString()).isEqualTo("RUNNING");
        assertThat(diff.at("/from/commit").asString()).isEqualTo(checkout.name());
        assertThat(diff.at("/from/ref").asString()).isEqualTo("refs/tags/1.2.0");
        assertThat(diff.at("/to/environment").asString()).isEqualTo("prod");
        assertThat(diff.at("/to/desiredVersion").asString()).isEqualTo("1.0.1");
        assertThat(diff.at("/to/version").asString()).isEqualTo("1.0.1");
        assertThat(diff.at("/to/commit").asString()).isEqualTo(hotfix.name());
        assertThat(diff.at("/to/ref").asString()).isEqualTo(hotfix.name());
        assertThat(diff.at("/inSync").booleanValue()).isFalse();

        assertThat(diff.at("/overrides/added")).isEqualTo(Json.tree("{\"FEATURE_X\":\"on\"}"));
        assertThat(diff.at("/overrides/removed")).isEqualTo(Json.tree("{\"OLD_FLAG\":\"yes\"}"));
        assertThat(diff.at("/overrides/changed"))
                .isEqualTo(Json.tree("{\"LOG_LEVEL\":{\"from\":\"debug\",\"to\":\"info\"}}"));
        assertThat(diff.at("/secrets")).isEqualTo(Json.tree("""
                {"API_TOKEN":"changed","DB_PASSWORD":"unchanged","LEGACY":"unknown",
                 "NEW_TOKEN":"added","OLD_SECRET":"removed"}"""));
        assertThat(response.text()).doesNotContain("fp-db-1", "fp-api-1", "fp-api-2");

        assertThat(diff.at("/repository").asString())
                .isEqualTo(work.resolve("origin").toString());
        assertThat(diff.at("/commitsError").isNull()).isTrue();
        assertThat(shas(diff.at("/commits"))).containsExactly(checkout.name(), cart.name());
        JsonNode newest = diff.at("/commits/0");
        assertThat(newest.at("/shortSha").asString()).isEqualTo(checkout.name().substring(0, 7));
        assertThat(newest.at("/author").asString()).isEqualTo("Cid");
        assertThat(newest.at("/subject").asString()).isEqualTo("add the checkout");
        assertThat(Instant.parse(newest.at("/date").asString()))
                .isEqualTo(checkout.getAuthorIdent().getWhenAsInstant());
        assertThat(shas(diff.at("/divergentCommits"))).containsExactly(hotfix.name());
        assertThat(diff.at("/commitsTruncated").booleanValue()).isFalse();

        JsonNode command = diff.at("/command");
        assertThat(command.at("/method").asString()).isEqualTo("PATCH");
        assertThat(command.at("/path").asString()).isEqualTo("/api/v1/applications/diffshop/environments/prod");
        assertThat(command.at("/body")).isEqualTo(Json.tree("""
                {"version":"1.2.0","overrides":{"FEATURE_X":"on","LOG_LEVEL":"debug","REGION":"eu"}}"""));
        assertThat(command.at("/text").asString())
                .startsWith("PATCH /api/v1/applications/diffshop/environments/prod {\"version\":\"1.2.0\"");
        assertThat(command.at("/promotion/text").asString())
                .isEqualTo("POST /api/v1/applications/diffshop/promotions {\"version\":\"1.2.0\",\"to\":\"prod\"}");
        assertThat(command.at("/secrets").asString())
                .contains("API_TOKEN (changed)", "LEGACY (unknown)", "NEW_TOKEN (added)", "OLD_SECRET (removed)")
                .doesNotContain("DB_PASSWORD (");
    }

    @Test
    void aVersionWithoutCommitIsFoundByItsVTagAndAnAdHocEnvironmentGetsNoPromotion() {
        JsonNode diff =
                get("/api/v1/applications/" + APP + "/diff?from=qa&to=staging").json();

        assertThat(diff.at("/to/commit").asString()).isEqualTo(cart.name());
        assertThat(diff.at("/to/ref").asString()).isEqualTo("refs/tags/v1.1.0");
        assertThat(shas(diff.at("/commits"))).containsExactly(checkout.name());
        assertThat(diff.at("/divergentCommits").isEmpty()).isTrue();
        assertThat(diff.at("/command/body")).isEqualTo(Json.tree("""
                {"version":"1.2.0","overrides":{"FEATURE_X":"on","LOG_LEVEL":"debug","REGION":"eu"}}"""));
        assertThat(diff.at("/command/promotion").isNull()).isTrue();

        JsonNode backwards =
                get("/api/v1/applications/" + APP + "/diff?from=prod&to=qa").json();
        assertThat(backwards.at("/command/method").asString()).isEqualTo("PATCH");
        assertThat(backwards.at("/command/promotion").isNull()).isTrue();

        JsonNode back =
                get("/api/v1/applications/" + APP + "/diff?from=staging&to=qa").json();
        assertThat(back.at("/commits").isEmpty()).isTrue();
        assertThat(shas(back.at("/divergentCommits"))).containsExactly(checkout.name());
    }

    @Test
    void aCommitPushedAfterTheMirrorWasMadeIsFetchedWhenADiffNeedsIt() throws Exception {
        assertThat(get("/api/v1/applications/" + APP + "/diff?from=staging&to=prod")
                        .json()
                        .at("/commitsError")
                        .isNull())
                .isTrue();
        origin.checkout().setName("hotfix").call();
        RevCommit later = commit("later.txt", "pushed later", "Eve");
        origin.checkout().setName("main").call();
        EnvironmentSpecChanged review =
                specChanged(APP, "review-9", 1, "9.9.9", later.name(), Map.of(), List.of(), Map.of());
        publish(envelope(COMMAND_SERVICE, review));
        await().until(() -> applied(review));

        JsonNode diff = get("/api/v1/applications/" + APP + "/diff?from=review-9&to=prod")
                .json();

        assertThat(diff.at("/commitsError").isNull()).as(diff.toString()).isTrue();
        assertThat(shas(diff.at("/commits"))).containsExactly(later.name());
        // review-9 is no stage: a promotion from it would be refused, so only the PATCH is offered
        assertThat(diff.at("/command/promotion").isNull()).isTrue();
        assertThat(diff.at("/command/method").asString()).isEqualTo("PATCH");
        try (var mirrors = Files.list(cache)) {
            assertThat(mirrors.map(p -> p.getFileName().toString())).anyMatch(name -> name.startsWith(APP + "-"));
        }
    }

    @Test
    void anUnknownCommitIsReportedAndDoesNotFailTheDiff() {
        Response response = get("/api/v1/applications/" + APP + "/diff?from=qa&to=lost");

        assertThat(response.status()).isEqualTo(200);
        JsonNode diff = response.json();
        assertThat(diff.at("/commitsError").asString())
                .startsWith("commit 0123456789abcdef0123456789abcdef01234567 of environment lost is not in repository "
                        + work.resolve("origin"));
        assertThat(diff.at("/commits").isEmpty()).isTrue();
        assertThat(diff.at("/from/commit").isNull()).isTrue();
        assertThat(diff.at("/to/commit").asString()).isEqualTo("0123456789abcdef0123456789abcdef01234567");
    }

    @Test
    void anUnreachableRepositoryIsReportedAndDoesNotFailTheDiff() {
        Response response = get("/api/v1/applications/lostshop/diff?from=qa&to=prod");

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode diff = response.json();
        assertThat(diff.at("/commitsError").asString())
                .startsWith("could not clone repository http://127.0.0.1:1/lost.git: ")
                .endsWith("check that the application's repository is a reachable git URL or path");
        assertThat(diff.at("/commits").isEmpty()).isTrue();
        assertThat(diff.at("/overrides/changed")).isEqualTo(Json.tree("{\"A\":{\"from\":\"1\",\"to\":\"2\"}}"));
        assertThat(diff.at("/command/text").asString())
                .isEqualTo(
                        "PATCH /api/v1/applications/lostshop/environments/prod {\"version\":\"2.0.0\",\"overrides\":{\"A\":\"1\"}}");
    }

    @Test
    void wrongQuestionsAreAnsweredWithProblems() {
        assertProblem("/api/v1/applications/" + APP + "/diff?from=qa", 400, "name both environments");
        assertProblem("/api/v1/applications/" + APP + "/diff?from=qa&to=qa", 400, "from and to are both qa");
        assertProblem("/api/v1/applications/nosuchapp/diff?from=qa&to=prod", 404, "application nosuchapp is unknown");
        assertProblem(
                "/api/v1/applications/" + APP + "/diff?from=qa&to=nowhere",
                404,
                "environment diffshop/nowhere is unknown to query-service; list environments with "
                        + "GET /api/v1/environments?app=diffshop");
    }

    private void assertProblem(String path, int status, String detail) {
        Response response = get(path);
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().at("/detail").asString()).startsWith(detail);
    }

    private static List<String> shas(JsonNode commits) {
        List<String> shas = new ArrayList<>();
        commits.forEach(commit -> shas.add(commit.at("/sha").asString()));
        return shas;
    }

    private RevCommit commit(String file, String message, String author) throws IOException, GitAPIException {
        Files.writeString(origin.getRepository().getWorkTree().toPath().resolve(file), message + "\n");
        origin.add().addFilepattern(file).call();
        PersonIdent ident = new PersonIdent(author, author.toLowerCase() + "@example.org");
        return origin.commit()
                .setMessage(message)
                .setAuthor(ident)
                .setCommitter(ident)
                .setSign(false)
                .call();
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("stagecraft-diff-it");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
