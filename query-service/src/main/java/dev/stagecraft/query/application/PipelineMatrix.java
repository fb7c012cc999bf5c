package dev.stagecraft.query.application;

import dev.stagecraft.contracts.command.Stage;
import dev.stagecraft.query.environment.Deployed;
import dev.stagecraft.query.environment.EnvironmentView;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Lays an application's environments over its pipeline: one row per stage in pipeline order (empty while
 * the stage's environment does not exist yet), and the environments that belong to no stage.
 */
record PipelineMatrix(List<PipelineStageView> stages, List<EnvironmentView> others) {

    static PipelineMatrix of(List<Stage> pipeline, List<EnvironmentView> environments) {
        Map<String, EnvironmentView> byName =
                environments.stream().collect(Collectors.toMap(EnvironmentView::name, Function.identity()));
        List<PipelineStageView> stages = pipeline.stream()
                .map(stage -> row(stage, byName.get(stage.environment())))
                .toList();
        Set<String> stageNames = pipeline.stream().map(Stage::environment).collect(Collectors.toSet());
        List<EnvironmentView> others = environments.stream()
                .filter(environment -> !stageNames.contains(environment.name()))
                .toList();
        return new PipelineMatrix(stages, others);
    }

    private static PipelineStageView row(Stage stage, @Nullable EnvironmentView environment) {
        if (environment == null) {
            return new PipelineStageView(
                    stage.environment(),
                    stage.environment(),
                    stage.requiresApproval(),
                    stage.autoPromote(),
                    stage.branch(),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    List.of(),
                    List.of(),
                    null);
        }
        Deployed deployed = environment.deployed();
        return new PipelineStageView(
                stage.environment(),
                environment.name(),
                stage.requiresApproval(),
                stage.autoPromote(),
                stage.branch(),
                environment.version(),
                environment.desiredVersion(),
                environment.status(),
                environment.statusReason(),
                environment.updatedAt(),
                deployed == null ? null : deployed.actor(),
                deployed == null ? null : deployed.finishedAt(),
                environment.lastDeployment(),
                environment.queued(),
                environment.awaitingApproval(),
                environment.lock());
    }
}
