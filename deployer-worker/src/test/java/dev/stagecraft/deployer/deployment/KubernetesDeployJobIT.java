package dev.stagecraft.deployer.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stagecraft.contracts.EnvironmentStatus;
import dev.stagecraft.contracts.MessageCodec;
import dev.stagecraft.contracts.Operation;
import dev.stagecraft.contracts.SecretBox;
import dev.stagecraft.contracts.event.DeploymentFailed;
import dev.stagecraft.contracts.event.DeploymentStepChanged;
import dev.stagecraft.contracts.event.DeploymentSucceeded;
import dev.stagecraft.contracts.event.EnvironmentStatusChanged;
import dev.stagecraft.contracts.job.DeploymentJob;
import dev.stagecraft.deployer.EventRecorder;
import dev.stagecraft.deployer.JobFixtures;
import dev.stagecraft.deployer.driver.kubernetes.SimulatedCluster;
import dev.stagecraft.deployer.secret.DevelopmentKey;
import dev.stagecraft.testsupport.IsolatedEnvironment;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The worker end to end with the {@code kubernetes} driver: a job published to {@code stagecraft.jobs} as
 * command-service publishes it, the worker's cluster {@code sim} pointed at fabric8's mock API server with
 * simulated controllers ({@link SimulatedCluster}), events read from {@code stagecraft.events}.
 */
@ExtendWith(KubernetesDeployJobIT.CloseAfterContext.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(EventRecorder.class)
@DirtiesContext
class KubernetesDeployJobIT {

    static final IsolatedEnvironment infra = IsolatedEnvironment.create("deployer-k8s");
    static final SimulatedCluster cluster = SimulatedCluster.start();
    static final SecretBox box = new SecretBox(DevelopmentKey.DEVELOPMENT_KEY);

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        JobFixtures.worker(registry, infra);
        registry.add("stagecraft.deployer.kubernetes.clusters.sim.master-url", cluster::masterUrl);
        registry.add("stagecraft.deployer.kubernetes.poll-interval", () -> "200ms");
    }

    /** Closes the database and the mock API server after the Spring context ({@link DirtiesContext}). */
    static class CloseAfterContext implements AfterAllCallback {

        @Override
        public void afterAll(ExtensionContext context) {
            infra.close();
            cluster.close();
        }
    }

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventRecorder events;

    @Test
    void aKubernetesJobRendersTheChartIntoTheEnvironmentsNamespaceAndTheEnvironmentRuns() {
        DeploymentJob job = JobFixtures.job(
                "kubernetes",
                "review-7",
                Operation.DEPLOY,
                "1.4.0",
                Map.of("greeting", "hello", "ingress.host", "review-7.shop.example"),
                Map.of("DB_PASSWORD", box.seal("shop/review-7/DB_PASSWORD", "s3cret")),
                Map.of("chart", SimulatedCluster.demoChart().toString(), "cluster", "sim", "readyTimeout", "60s"));

        JobFixtures.publish(rabbit, job);

        await().atMost(Duration.ofSeconds(90)).until(() -> events.ended(job));
        assertThat(events.of("shop", "review-7", DeploymentFailed.class)).isEmpty();
        assertThat(events.of("shop", "review-7", DeploymentSucceeded.class)
                        .getFirst()
                        .version())
                .isEqualTo("1.4.0");
        assertThat(events.of("shop", "review-7", DeploymentStepChanged.class))
                .extracting(e -> e.step() + ":" + e.status())
                .containsExactly(
                        "apply:RUNNING", "apply:DONE", "wait-ready:RUNNING", "wait-ready:DONE", "switch:SKIPPED");
        EnvironmentStatusChanged running =
                events.of("shop", "review-7", EnvironmentStatusChanged.class).getLast();
        assertThat(running.from() + "->" + running.to()).isEqualTo("CREATE_PENDING->RUNNING");
        assertThat(jdbc.sql("SELECT status, actual_version, work_dir FROM environment WHERE app = 'shop' AND name = ?")
                        .params("review-7")
                        .query()
                        .singleRow())
                .containsEntry("status", EnvironmentStatus.RUNNING.name())
                .containsEntry("actual_version", "1.4.0")
                .containsEntry("work_dir", "shop-review-7");
        Deployment web = cluster.client()
                .apps()
                .deployments()
                .inNamespace("shop-review-7")
                .withName("review-7-web")
                .get();
        assertThat(web.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .getFirst()
                        .getImage())
                .isEqualTo("registry.example/demo:1.4.0");
        assertThat(cluster.client()
                        .secrets()
                        .inNamespace("shop-review-7")
                        .withName("review-7-stagecraft-secrets")
                        .get()
                        .getStringData())
                .containsEntry("DB_PASSWORD", "s3cret");
        assertThat(events.of("shop", "review-7"))
                .allSatisfy(event -> assertThat(MessageCodec.instance().encodeToString(event))
                        .doesNotContain("s3cret"));
    }
}
