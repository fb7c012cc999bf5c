package dev.stagecraft.command.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.command.Problem;
import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.command.ApproveDeployment;
import dev.stagecraft.contracts.command.CreateEnvironment;
import dev.stagecraft.contracts.command.Promote;
import dev.stagecraft.contracts.command.RegisterApplication;
import dev.stagecraft.contracts.command.Rollback;
import dev.stagecraft.contracts.command.Stage;
import dev.stagecraft.contracts.command.UpdateEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandValidatorTest {

    private final CommandValidator validator = new CommandValidator();

    @Test
    void aCompleteCreateIsValid() {
        assertThat(validator.validate(create("shop", "review-1432", "1.8.0"))).isEmpty();
    }

    @Test
    void namesMustBeDnsLabelsOfAtMost53Characters() {
        assertThat(fields(validator.validate(create("Shop", "review_1", "1.0"))))
                .containsExactly("app", "environment");
        assertThat(validator.validate(create("shop", "a".repeat(54), "1.0")))
                .singleElement()
                .satisfies(problem -> assertThat(problem.reason()).contains("DNS-1123", "at most 53"));
        assertThat(validator.validate(create("shop", "a".repeat(53), "1.0"))).isEmpty();
        assertThat(fields(validator.validate(create("shop", "-qa", "1.0")))).containsExactly("environment");
    }

    @Test
    void versionIsRequiredOnCreateAndMustBeOneToken() {
        assertThat(validator.validate(create("shop", "qa", null)))
                .containsExactly(new Problem("version", "is required"));
        assertThat(validator.validate(create("shop", "qa", " ")))
                .containsExactly(new Problem("version", "must not be blank"));
        assertThat(validator.validate(create("shop", "qa", "1.0 beta")))
                .containsExactly(new Problem("version", "must not contain whitespace"));
        assertThat(validator.validate(create("shop", "qa", "v".repeat(129))))
                .containsExactly(new Problem("version", "must be at most 128 characters long"));
    }

    @Test
    void aPromotionNeedsAVersionAndAStageNameIfItNamesOne() {
        assertThat(validator.validate(new Promote(CommandId.random(), "alice", "shop", "1.0.0", null, false)))
                .isEmpty();
        assertThat(fields(validator.validate(new Promote(CommandId.random(), "alice", "shop", null, "Prod", false))))
                .containsExactly("version", "to");
        assertThat(fields(validator.validate(new Rollback(CommandId.random(), "alice", "shop", "qa", "1 0"))))
                .containsExactly("version");
        assertThat(validator.validate(new ApproveDeployment(CommandId.random(), "bob", null, null)))
                .contains(new Problem("deploymentId", "is required"));
    }

    @Test
    void anUpdateMayLeaveEverythingOut() {
        UpdateEnvironment update = new UpdateEnvironment(
                CommandId.random(), "alice", "shop", "qa", null, null, null, null, null, null, null);
        assertThat(validator.validate(update)).isEmpty();
    }

    @Test
    void ttlMustBePositive() {
        UpdateEnvironment update = new UpdateEnvironment(
                CommandId.random(), "alice", "shop", "qa", "2.0", null, null, null, Duration.ofHours(-1), null, null);
        assertThat(fields(validator.validate(update))).containsExactly("ttl");
    }

    @Test
    void aKeyIsEitherPublicOrSecret() {
        CreateEnvironment create = new CreateEnvironment(
                CommandId.random(),
                "alice",
                "shop",
                "qa",
                "1.0",
                null,
                Map.of("DB_PASSWORD", "x"),
                Map.of("DB_PASSWORD", "y"),
                null,
                List.of(),
                null);
        assertThat(fields(validator.validate(create))).containsExactly("secretOverrides.DB_PASSWORD");
    }

    @Test
    void anApplicationDefaultIsEitherPublicOrSecret() {
        RegisterApplication register = new RegisterApplication(
                CommandId.random(),
                "alice",
                "shop",
                null,
                "local",
                Map.of(),
                Map.of("DB_PASSWORD", "x", "LOG_LEVEL", "info"),
                List.of(),
                Map.of("DB_PASSWORD", "y", "API_TOKEN", "z"));
        assertThat(validator.validate(register)).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("secretDefaults.DB_PASSWORD");
            assertThat(problem.reason()).contains("also set in defaults");
        });
    }

    @Test
    void aSecretThatStartsWithVaultMustBeAWholeReferenceAndIsNotQuoted() {
        CreateEnvironment create = new CreateEnvironment(
                CommandId.random(),
                "alice",
                "shop",
                "qa",
                "1.0",
                null,
                Map.of(),
                Map.of("GOOD", "vault:secret/shop/db#password", "BAD", "vault:secret/shop-db-no-key"),
                null,
                List.of(),
                null);
        assertThat(validator.validate(create)).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("secretOverrides.BAD");
            assertThat(problem.reason()).contains("vault:<mount>/<path>#<key>").doesNotContain("shop-db-no-key");
        });
        RegisterApplication register = new RegisterApplication(
                CommandId.random(),
                "alice",
                "shop",
                null,
                "local",
                Map.of(),
                Map.of(),
                List.of(),
                Map.of("T", "vault:#"));
        assertThat(fields(validator.validate(register))).containsExactly("secretDefaults.T");
    }

    @Test
    void driverMustBeKnown() {
        assertThat(validator.validate(register("shop", "docker", List.of())))
                .singleElement()
                .satisfies(problem -> {
                    assertThat(problem.field()).isEqualTo("driver");
                    assertThat(problem.reason()).contains("local, script, kubernetes, noop", "'docker'");
                });
        assertThat(validator.validate(register("shop", "noop", List.of()))).isEmpty();
    }

    @Test
    void pipelineStagesNeedValidAndDistinctEnvironments() {
        List<Stage> pipeline = List.of(Stage.of("development"), Stage.of("QA"), Stage.of("development"));
        assertThat(fields(validator.validate(register("shop", "local", pipeline))))
                .containsExactly("pipeline[1].environment", "pipeline[2].environment");
    }

    @Test
    void theSchemaBacksTheRulesUp() {
        CreateEnvironment create = new CreateEnvironment(
                CommandId.random(),
                "alice",
                "shop",
                "qa",
                "1.0",
                "not-a-commit",
                Map.of(),
                Map.of(),
                null,
                List.of(),
                null);
        assertThat(fields(validator.validate(create))).containsExactly("commit");
    }

    @Test
    void problemsFoundWhileReadingAreReportedOncePerField() {
        List<Problem> read = List.of(
                new Problem("version", "required property 'version' not found"), new Problem("ttl", "is unreadable"));
        assertThat(validator.validate(create("shop", "qa", null), read))
                .containsExactly(new Problem("version", "is required"), new Problem("ttl", "is unreadable"));
    }

    @Test
    void theSentenceNamesEveryField() {
        List<Problem> problems = validator.validate(create("Shop", "qa", null));
        assertThat(Problem.invalidCommand("environment.create", problems))
                .startsWith("command environment.create is invalid: app must be a DNS-1123 label")
                .endsWith("; version is required");
    }

    private static CreateEnvironment create(String app, String environment, String version) {
        return new CreateEnvironment(
                CommandId.random(),
                "alice",
                app,
                environment,
                version,
                null,
                Map.of("LOG_LEVEL", "debug"),
                Map.of("DB_PASSWORD", "secret"),
                Duration.ofHours(72),
                List.of("review"),
                "PR 1432");
    }

    private static RegisterApplication register(String name, String driver, List<Stage> pipeline) {
        return new RegisterApplication(CommandId.random(), "alice", name, null, driver, Map.of(), Map.of(), pipeline);
    }

    private static List<String> fields(List<Problem> problems) {
        return problems.stream().map(Problem::field).toList();
    }
}
