package dev.stagecraft.query.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagecraft.contracts.command.Stage;
import dev.stagecraft.query.environment.AwaitingApproval;
import dev.stagecraft.query.environment.Deployed;
import dev.stagecraft.query.environment.EnvironmentLock;
import dev.stagecraft.query.environment.EnvironmentView;
import dev.stagecraft.query.environment.QueuedDeployment;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PipelineMatrixTest {

    private static final List<Stage> PIPELINE = List.of(
            new Stage("development", false, false, "develop"), Stage.of("qa"), new Stage("prod", true, false, null));

    @Test
    void oneRowPerStageInPipelineOrder() {
        PipelineMatrix matrix = PipelineMatrix.of(
                PIPELINE,
                List.of(environment("qa", "RUNNING", "1.8.0"), environment("development", "RUNNING", "1.9.0")));

        assertThat(matrix.stages()).extracting(PipelineStageView::stage).containsExactly("development", "qa", "prod");
        assertThat(matrix.stages()).extracting(PipelineStageView::version).containsExactly("1.9.0", "1.8.0", null);
        assertThat(matrix.stages().get(0).branch()).isEqualTo("develop");
        assertThat(matrix.stages().get(2).requiresApproval()).isTrue();
    }

    @Test
    void aStageWithoutEnvironmentYetIsEmpty() {
        PipelineStageView prod = PipelineMatrix.of(PIPELINE, List.of()).stages().get(2);

        assertThat(prod.environment()).isEqualTo("prod");
        assertThat(prod.status()).isNull();
        assertThat(prod.version()).isNull();
        assertThat(prod.lastDeployment()).isNull();
    }

    @Test
    void environmentsOutsideThePipelineAreListedApart() {
        PipelineMatrix matrix = PipelineMatrix.of(
                PIPELINE,
                List.of(environment("qa", "RUNNING", "1.8.0"), environment("review-1432", "FAILURE", "2.0.0")));

        assertThat(matrix.others()).extracting(EnvironmentView::name).containsExactly("review-1432");
    }

    @Test
    void aStageShowsTheQueueOfItsEnvironment() {
        QueuedDeployment next = new QueuedDeployment(UUID.randomUUID(), "DEPLOY", "2.0.0", 1, "bob");
        EnvironmentView qa = environment("qa", "RUNNING", "1.8.0", List.of(next));

        PipelineMatrix matrix = PipelineMatrix.of(PIPELINE, List.of(qa));

        assertThat(matrix.stages().get(1).queued()).containsExactly(next);
        assertThat(matrix.stages().get(2).queued()).isEmpty();
    }

    @Test
    void aStageShowsWhoDeployedWhatRunsItsLockAndWhatAwaitsApproval() {
        Instant finished = Instant.parse("2026-03-14T08:00:00Z");
        Deployed deployed = new Deployed(UUID.randomUUID(), "1.8.0", "alice", finished);
        AwaitingApproval waiting = new AwaitingApproval(UUID.randomUUID(), "1.9.0", "1.8.0", "bob", finished);
        EnvironmentLock lock = new EnvironmentLock("carol", "release freeze", finished);
        EnvironmentView base = environment("prod", "RUNNING", "1.8.0");
        EnvironmentView prod = new EnvironmentView(
                base.app(),
                base.name(),
                base.stage(),
                base.status(),
                base.statusReason(),
                base.failure(),
                base.version(),
                base.desiredVersion(),
                base.desiredCommit(),
                base.driver(),
                base.tags(),
                base.description(),
                base.ttl(),
                base.expiresAt(),
                base.cleanupAt(),
                base.overrides(),
                base.secretKeys(),
                base.createdAt(),
                base.updatedAt(),
                null,
                List.of(),
                null,
                lock,
                deployed,
                List.of(waiting),
                List.of());

        PipelineStageView row =
                PipelineMatrix.of(PIPELINE, List.of(prod)).stages().get(2);

        assertThat(row.deployedBy()).isEqualTo("alice");
        assertThat(row.deployedAt()).isEqualTo(finished);
        assertThat(row.lock()).isEqualTo(lock);
        assertThat(row.awaitingApproval()).containsExactly(waiting);
        assertThat(PipelineMatrix.of(PIPELINE, List.of()).stages().get(2).awaitingApproval())
                .isEmpty();
    }

    private static EnvironmentView environment(String name, String status, String version) {
        return environment(name, status, version, List.of());
    }

    private static EnvironmentView environment(
            String name, String status, String version, List<QueuedDeployment> queued) {
        Instant now = Instant.parse("2026-03-14T09:00:00Z");
        return new EnvironmentView(
                "shop", name, null, status, null, null, version, version, null, "local", List.of(), null, null, null,
                null, Map.of(), List.of(), now, now, null, queued, null, null, null, List.of(), List.of());
    }
}
