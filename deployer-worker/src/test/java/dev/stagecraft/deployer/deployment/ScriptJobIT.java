package dev.stagecraft.deployer.deployment;

import static dev.stagecraft.deployer.WorkerTables.stepLog;
import static dev.stagecraft.deployer.driver.script.ControlScriptsFixture.called;
import static dev.stagecraft.deployer.driver.script.ControlScriptsFixture.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stagecraft.contracts.EnvironmentStatus;
import dev.stagecraft.contracts.MessageCodec;
import dev.stagecraft.contracts.Operation;
import dev.stagecraft.contracts.SecretBox;
import dev.stagecraft.contracts.event.DeploymentFailed;
import dev.stagecraft.contracts.event.DeploymentStarted;
import dev.stagecraft.contracts.event.DeploymentStepChanged;
import dev.stagecraft.contracts.event.DeploymentSucceeded;
import dev.stagecraft.contracts.event.EnvironmentLink;
import dev.stagecraft.contracts.event.EnvironmentStatusChanged;
import dev.stagecraft.contracts.job.DeploymentJob;
import dev.stagecraft.deployer.EventRecorder;
import dev.stagecraft.deployer.JobFixtures;
import dev.stagecraft.deployer.driver.script.ControlScriptsFixture;
import dev.stagecraft.deployer.secret.DevelopmentKey;
import dev.stagecraft.testsupport.IsolatedEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.springframework.util.FileSystemUtils;

/**
 * The {@code script} driver through the worker's real entry point: jobs published to {@code stagecraft.jobs}
 * as command-service publishes them, the control scripts of {@code src/test/resources/scripts/control} run as
 * real processes, events read from a queue bound to {@code stagecraft.events}.
 */
@ExtendWith(ScriptJobIT.DropInfrastructureAfterContext.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(EventRecorder.class)
@DirtiesContext
class ScriptJobIT {

    static final IsolatedEnvironment infra = IsolatedEnvironment.create("deployer-script");
    static final Path root = JobFixtures.temporaryDirectory("deployer-script-it-");
    static final SecretBox box = new SecretBox(DevelopmentKey.DEVELOPMENT_KEY);
    static final String SECRET = "s3cret-of-the-script-it";

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        JobFixtures.worker(registry, infra);
        registry.add("stagecraft.deployer.script.check-interval", () -> "100ms");
    }

    /** Drops the database after the context is closed, as {@link DeployJobIT} does. */
    static class DropInfrastructureAfterContext implements AfterAllCallback {

        @Override
        public void afterAll(ExtensionContext context) {
            infra.close();
            FileSystemUtils.deleteRecursively(root.toFile());
        }
    }

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventRecorder events;

    @Test
    void aScriptJobCreatesAndUpdatesTheEnvironmentAnnouncingEveryStep() throws Exception {
        Path scripts = ControlScriptsFixture.copyTo(root.resolve("review-7"));
        Files.writeString(scripts.resolve("out.info"), "name,url\napp,https://review-7.shop.example.com/\n");
        DeploymentJob create = run(scriptJob("review-7", "1.0.0", scripts));

        assertThat(events.types(create))
                .containsExactly(
                        "deployment.queued",
                        "deployment.started",
                        "deployment.step-changed",
                        "deployment.step-changed",
                        "deployment.step-changed",
                        "deployment.step-changed",
                        "deployment.step-changed",
                        "environment.status-changed",
                        "deployment.succeeded");
        assertThat(events.of("shop", "review-7", DeploymentStarted.class)
                        .getFirst()
                        .plan())
                .containsExactly("apply", "wait-ready", "switch");
        assertThat(events.of("shop", "review-7", DeploymentStepChanged.class))
                .extracting(e -> e.step() + ":" + e.status() + ":" + e.progress())
                .containsExactly(
                        "apply:RUNNING:0",
                        "apply:DONE:33",
                        "wait-ready:RUNNING:33",
                        "wait-ready:DONE:66",
                        "switch:SKIPPED:100");
        EnvironmentStatusChanged created =
                events.of("shop", "review-7", EnvironmentStatusChanged.class).getFirst();
        assertThat(created.from() + "->" + created.to() + "@" + created.version())
                .isEqualTo("CREATE_PENDING->RUNNING@1.0.0");
        assertThat(called(scripts)).containsExactly("config_check", "create", "check", "info");
        assertThat(events.of(create, DeploymentSucceeded.class).getFirst().links())
                .containsExactly(new EnvironmentLink("app", "https://review-7.shop.example.com/"));
        assertThat(stepLog(jdbc, create))
                .contains("[create!] create: connecting with DB_PASSWORD=******")
                .doesNotContain(SECRET);

        DeploymentJob update = run(scriptJob("review-7", "2.0.0", scripts));

        assertThat(events.of("shop", "review-7", EnvironmentStatusChanged.class))
                .extracting(e -> e.from() + "->" + e.to() + "@" + e.version())
                .containsExactly(
                        "CREATE_PENDING->RUNNING@1.0.0",
                        "RUNNING->UPDATE_PENDING@1.0.0",
                        "UPDATE_PENDING->RUNNING@2.0.0");
        assertThat(events.types(update)).endsWith("environment.status-changed", "deployment.succeeded");
        assertThat(called(scripts))
                .containsExactly("config_check", "create", "check", "info", "config_check", "update", "check", "info");
        assertThat(row("review-7"))
                .containsEntry("status", "RUNNING")
                .containsEntry("actual_version", "2.0.0")
                .containsEntry("work_dir", "shop-previews");
        assertThat(events.of("shop", "review-7"))
                .allSatisfy(event -> assertThat(MessageCodec.instance().encodeToString(event))
                        .doesNotContain(SECRET));
    }

    @Test
    void aFailingConfigCheckFailsTheDeploymentAtApply() {
        Path scripts = ControlScriptsFixture.copyTo(root.resolve("review-8"));
        write(scripts, "exit.config_check", "1\n");
        write(scripts, "out.config_check", "baseDomain must be set\n");

        DeploymentJob job = run(scriptJob("review-8", "1.0.0", scripts));

        DeploymentFailed failed =
                events.of("shop", "review-8", DeploymentFailed.class).getFirst();
        assertThat(failed.deploymentId()).isEqualTo(job.deploymentId());
        assertThat(failed.failedStep()).isEqualTo("apply");
        assertThat(failed.error())
                .startsWith("config_check of shop/review-8 rejected the configuration of version 1.0.0 (exit code 1);"
                        + " nothing was changed")
                .contains("baseDomain must be set", "DB_PASSWORD=******")
                .doesNotContain(SECRET);
        assertThat(events.of("shop", "review-8", DeploymentStepChanged.class))
                .extracting(e -> e.step() + ":" + e.status())
                .containsExactly("apply:RUNNING", "apply:FAILED", "wait-ready:SKIPPED", "switch:SKIPPED");
        assertThat(events.of("shop", "review-8", EnvironmentStatusChanged.class))
                .extracting(e -> e.from() + "->" + e.to())
                .containsExactly("CREATE_PENDING->FAILURE");
        assertThat(row("review-8")).containsEntry("status", EnvironmentStatus.FAILURE.name());
        assertThat(called(scripts)).containsExactly("config_check");
    }

    private DeploymentJob run(DeploymentJob job) {
        JobFixtures.publish(rabbit, job);
        await().atMost(Duration.ofSeconds(60)).until(() -> events.ended(job));
        return job;
    }

    private Map<String, Object> row(String environment) {
        return jdbc.sql("SELECT status, actual_version, work_dir FROM environment WHERE app = 'shop' AND name = ?")
                .params(environment)
                .query()
                .singleRow();
    }

    private static DeploymentJob scriptJob(String environment, String version, Path scripts) {
        return JobFixtures.job(
                "script",
                environment,
                Operation.DEPLOY,
                version,
                Map.of("LOG_LEVEL", "debug"),
                Map.of("DB_PASSWORD", box.seal("shop/" + environment + "/DB_PASSWORD", SECRET)),
                Map.of(
                        "scriptsDir", scripts.toString(),
                        "baseDomain", "example.com",
                        "namespace", "shop-previews",
                        "readyTimeout", "20s"));
    }
}
