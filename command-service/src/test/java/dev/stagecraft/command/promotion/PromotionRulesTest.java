package dev.stagecraft.command.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagecraft.command.CommandRefusedException;
import dev.stagecraft.command.RejectionCode;
import dev.stagecraft.command.deployment.Deployments;
import dev.stagecraft.command.environment.EnvironmentState;
import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.DeploymentStatus;
import dev.stagecraft.contracts.EnvironmentStatus;
import dev.stagecraft.contracts.command.Stage;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class PromotionRulesTest {

    private static final Pipeline PIPELINE =
            Pipeline.of("shop", List.of(stage("development"), stage("qa"), stage("staging"), stage("prod")));

    @Test
    void theNextStageFollowsTheLatestStageWhereTheVersionRuns() {
        assertThat(PIPELINE.next("1.2.0", runsIn("development", "qa")).environment())
                .isEqualTo("staging");
        assertThat(PIPELINE.next("1.2.0", runsIn("development")).environment()).isEqualTo("qa");
        assertThat(PIPELINE.next("1.2.0", runsIn("qa")).environment())
                .as("the latest stage counts, even if an earlier one no longer runs it")
                .isEqualTo("staging");
    }

    @Test
    void thereIsNoNextStageForAVersionThatRunsNowhereOrInTheLastStage() {
        assertThatThrownBy(() -> PIPELINE.next("1.3.0", runsIn()))
                .hasMessage("shop 1.3.0 does not run successfully in any stage of the pipeline (development, qa,"
                        + " staging, prod), so there is no next stage; deploy it to development first (promote"
                        + " with \"to\":\"development\")");
        assertThatThrownBy(() -> PIPELINE.next("1.3.0", runsIn("prod")))
                .hasMessage("shop 1.3.0 already runs in prod, the last stage of the pipeline; there is nothing to"
                        + " promote it to");
    }

    @Test
    void anUnknownStageIsInvalidAndTheStagesAreListed() {
        assertThatThrownBy(() -> PIPELINE.stage("prod-eu"))
                .isInstanceOfSatisfying(CommandRefusedException.class, refused -> {
                    assertThat(refused.code()).isEqualTo(RejectionCode.INVALID);
                    assertThat(refused.problems().getFirst().field()).isEqualTo("to");
                })
                .hasMessage("promote is invalid: to 'prod-eu' is not a stage of shop's pipeline; its stages are"
                        + " development, qa, staging, prod");
        assertThatThrownBy(() -> Pipeline.of("shop", List.of()))
                .hasMessageStartingWith("application shop has no pipeline");
    }

    @Test
    void aVersionRunsWhereTheWorkerReportsRunningAndItsLastDeploymentSucceeded() {
        assertThat(state("staging", "1.2.0", EnvironmentStatus.RUNNING, DeploymentStatus.SUCCEEDED)
                        .runs("1.2.0"))
                .isTrue();
        assertThat(state("staging", "1.2.0", EnvironmentStatus.RUNNING, DeploymentStatus.SUCCEEDED)
                        .runs("1.3.0"))
                .isFalse();
        assertThat(state("staging", "1.2.0", EnvironmentStatus.FAILURE, DeploymentStatus.SUCCEEDED)
                        .runs("1.2.0"))
                .isFalse();
        assertThat(state("staging", "1.3.0", EnvironmentStatus.RUNNING, DeploymentStatus.QUEUED)
                        .runs("1.3.0"))
                .isFalse();
        assertThat(new StageState("staging", null, null).runs("1.2.0")).isFalse();
    }

    @Test
    void theRefusalNamesWhatRunsInTheStageBefore() {
        Stage prod = stage("prod");
        assertThatThrownBy(() -> PromotionRules.requireRunsIn(
                        "shop",
                        "1.3.0",
                        prod,
                        state("staging", "1.2.0", EnvironmentStatus.RUNNING, DeploymentStatus.SUCCEEDED)))
                .hasMessage("shop 1.3.0 cannot enter prod: it does not run in staging (staging runs 1.2.0, RUNNING);"
                        + " promote it to staging first");
        assertThatThrownBy(() -> PromotionRules.requireRunsIn(
                        "shop",
                        "1.3.0",
                        prod,
                        state("staging", "1.3.0", EnvironmentStatus.RUNNING, DeploymentStatus.FAILED)))
                .hasMessage("shop 1.3.0 cannot enter prod: it does not run in staging (staging is RUNNING; its"
                        + " deployment of 1.3.0 is FAILED); promote it to staging first");
        assertThatThrownBy(() ->
                        PromotionRules.requireRunsIn("shop", "1.3.0", prod, new StageState("staging", null, null)))
                .hasMessageContaining("(staging does not exist yet)");
    }

    @Test
    void aStageThatHoldsTheVersionAlreadyIsNotPromotedToAgainUnlessItFailed() {
        assertThatThrownBy(() -> PromotionRules.refuseIfHeld(
                        "shop", "1.2.0", state("qa", "1.2.0", EnvironmentStatus.RUNNING, DeploymentStatus.SUCCEEDED)))
                .hasMessage("shop 1.2.0 already runs in qa (qa runs 1.2.0, RUNNING); there is nothing to promote");
        PromotionRules.refuseIfHeld(
                "shop",
                "1.2.0",
                new StageState(
                        "qa",
                        environment("qa", "1.2.0", EnvironmentStatus.FAILURE, EnvironmentStatus.FAILURE),
                        deployment("1.2.0", DeploymentStatus.FAILED)));
        PromotionRules.refuseIfHeld("shop", "1.2.0", new StageState("qa", null, null));
    }

    @Test
    void aRollbackReturnsToTheLatestOtherVersionThatSucceededThere() {
        EnvironmentState current = environment("qa", "2.0.0", EnvironmentStatus.RUNNING, EnvironmentStatus.RUNNING);
        assertThat(RollbackTargets.previous(current, List.of("2.0.0", "1.1.0", "1.0.0")))
                .isEqualTo("1.1.0");
        assertThatThrownBy(() -> RollbackTargets.previous(current, List.of("2.0.0")))
                .hasMessage("shop/qa has no earlier version that ran successfully there to roll back to (it has"
                        + " 2.0.0); deploy the version you want with PATCH /api/v1/applications/shop/environments/qa");
        assertThat(RollbackTargets.chosen(current, "1.0.0", List.of("2.0.0", "1.1.0", "1.0.0")))
                .isEqualTo("1.0.0");
        assertThatThrownBy(() -> RollbackTargets.chosen(current, "0.9.0", List.of("2.0.0", "1.1.0", "1.0.0")))
                .hasMessage("0.9.0 never ran successfully in shop/qa, so it cannot be rolled back to; versions that"
                        + " ran successfully there: 1.1.0, 1.0.0");
        assertThatThrownBy(() -> RollbackTargets.chosen(current, "2.0.0", List.of("2.0.0")))
                .hasMessage("shop/qa already has 2.0.0, so there is nothing to roll back to; no other version ever"
                        + " ran successfully there");
    }

    private static Stage stage(String environment) {
        return new Stage(environment, false, false, null);
    }

    private static Predicate<Stage> runsIn(String... environments) {
        Set<String> running = Set.of(environments);
        return stage -> running.contains(stage.environment());
    }

    private static StageState state(
            String stage, String version, EnvironmentStatus reported, DeploymentStatus lastDeployment) {
        return new StageState(
                stage, environment(stage, version, reported, reported), deployment(version, lastDeployment));
    }

    private static EnvironmentState environment(
            String name, String version, EnvironmentStatus status, @Nullable EnvironmentStatus reported) {
        return new EnvironmentState("shop", name, version, null, status, reported, DeploymentId.random());
    }

    private static Deployments.Known deployment(String version, DeploymentStatus status) {
        return new Deployments.Known(
                DeploymentId.random(), "shop", "x", "DEPLOY", status, version, "alice", null, null, false);
    }
}
