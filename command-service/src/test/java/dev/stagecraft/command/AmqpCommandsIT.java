package dev.stagecraft.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.EnvironmentStatus;
import dev.stagecraft.contracts.Topology;
import dev.stagecraft.contracts.event.CommandRejected;
import dev.stagecraft.contracts.job.DeploymentJob;
import dev.stagecraft.testsupport.IsolatedEnvironment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class AmqpCommandsIT extends ServiceITSupport {

    static final IsolatedEnvironment infra = IsolatedEnvironment.create("amqp-commands");

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        infra.register(registry);
    }

    @AfterAll
    static void drop() {
        infra.close();
    }

    @Test
    void aCommandWithOnlyARoutingKeyAndABodyIsServed() {
        String app = registeredOverAmqp();

        publishBare("environment.create", """
                {"commandId":"%s","actor":"ci","app":"%s","environment":"review-7","version":"2.0.0",
                 "overrides":{"A":"1"}}""".formatted(UUID.randomUUID(), app));

        await().until(() -> jobsFor(app).size() == 1);
        DeploymentJob job = jobsFor(app).getFirst();
        assertThat(job.environment()).isEqualTo("review-7");
        assertThat(job.overrides()).containsEntry("A", "1").containsEntry("LOG_LEVEL", "info");
        assertThat(job.actor()).isEqualTo("ci");
    }

    @Test
    void anInvalidCommandIsDeadLetteredAndRejectedWithASentence() {
        String app = registeredOverAmqp();
        String missingVersion = UUID.randomUUID().toString();
        String badName = UUID.randomUUID().toString();

        publishBare("environment.create", """
                {"commandId":"%s","actor":"ci","app":"%s","environment":"qa"}""".formatted(missingVersion, app));
        publishBare("environment.create", """
                {"commandId":"%s","actor":"ci","app":"%s","environment":"QA_1","version":"1"}""".formatted(badName, app));

        CommandRejected noVersion = awaitRejection(missingVersion);
        assertThat(noVersion.code()).isEqualTo("invalid");
        assertThat(noVersion.message()).isEqualTo("command environment.create is invalid: version is required");
        assertThat(noVersion.app()).isEqualTo(app);
        CommandRejected wrongName = awaitRejection(badName);
        assertThat(wrongName.message())
                .startsWith("command environment.create is invalid: environment must be a DNS-1123 label")
                .contains("(got 'QA_1')");
        assertThat(wrongName.environment()).isNull();
        awaitDeadLettered(missingVersion, badName);
        assertThat(jobsFor(app)).isEmpty();
    }

    @Test
    void malformedJsonAndUnknownApplicationsAreRejectedToo() {
        String commandId = UUID.randomUUID().toString();
        String unknownApp = UUID.randomUUID().toString();
        rabbit.send(
                Topology.COMMANDS_EXCHANGE,
                "environment.update",
                MessageBuilder.withBody(("{\"commandId\":\"" + commandId + "\" oops").getBytes(StandardCharsets.UTF_8))
                        .setMessageId(commandId)
                        .build());
        publishBare("environment.update", """
                {"commandId":"%s","actor":"ci","app":"ghost","environment":"qa","version":"1"}""".formatted(unknownApp));

        assertThat(awaitRejection(commandId).code()).isEqualTo("malformed");
        assertThat(awaitRejection(unknownApp).code()).isEqualTo("not-found");
        awaitDeadLettered(commandId, unknownApp);
    }

    @Test
    void aRepeatedCommandIdCausesOneJobOnly() {
        String app = registeredOverAmqp();
        String command = """
                {"commandId":"%s","actor":"ci","app":"%s","environment":"qa","version":"1"}""".formatted(UUID.randomUUID(), app);

        publishBare("environment.create", command);
        publishBare("environment.create", command);
        publishBare("environment.create", command);

        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(10))
                .until(() -> jobsFor(app).size() == 1);
    }

    @Test
    void theWorkersStatusReportsCorrectTheStatus() {
        String app = registeredOverAmqp();
        CommandId create = CommandId.random();
        publishBare("environment.create", """
                {"commandId":"%s","actor":"ci","app":"%s","environment":"qa","version":"1"}""".formatted(create, app));
        await().until(() -> "CREATE_PENDING".equals(status(app)));

        publishStatus(app, "qa", create, 2, EnvironmentStatus.RUNNING, "deployer-worker");
        await().until(() -> "RUNNING".equals(status(app)));
        publishStatus(app, "qa", create, 1, EnvironmentStatus.FAILURE, "deployer-worker");
        publishStatus(app, "qa", create, 3, EnvironmentStatus.FAILURE, Topology.COMMAND_SERVICE);
        publishStatus(app, "qa", create, 3, EnvironmentStatus.UPDATE_PENDING, "deployer-worker");

        await().until(() -> "UPDATE_PENDING".equals(status(app)));
        assertThat(jdbc.sql("SELECT worker_sequence FROM environments WHERE app = ?")
                        .param(app)
                        .query(Long.class)
                        .single())
                .isEqualTo(3);
    }

    private List<DeploymentJob> jobsFor(String app) {
        return jobs.of(DeploymentJob.class).stream()
                .filter(job -> job.app().equals(app))
                .toList();
    }

    private String status(String app) {
        return jdbc.sql("SELECT status FROM environments WHERE app = ? AND name = 'qa'")
                .param(app)
                .query(String.class)
                .optional()
                .orElse(null);
    }
}
