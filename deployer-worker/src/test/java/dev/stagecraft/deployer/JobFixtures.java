package dev.stagecraft.deployer;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.MessageCodec;
import dev.stagecraft.contracts.Operation;
import dev.stagecraft.contracts.job.CancelJob;
import dev.stagecraft.contracts.job.DeploymentJob;
import dev.stagecraft.testsupport.IsolatedEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Jobs of app {@code shop} requested by {@code alice}, published to {@code stagecraft.jobs} as command-service
 * publishes them, and the worker's set-up the integration tests share.
 */
public final class JobFixtures {

    private JobFixtures() {}

    /** The database and vhost of {@code infra}, and a worker that looks for queued work every second. */
    public static void worker(DynamicPropertyRegistry registry, IsolatedEnvironment infra) {
        infra.register(registry);
        registry.add("stagecraft.deployer.poll-interval", () -> "1s");
    }

    /** A job of {@code shop/environment} for {@code driver}, outside any sequence, requested now. */
    public static DeploymentJob job(
            String driver,
            String environment,
            Operation operation,
            String version,
            Map<String, String> overrides,
            Map<String, String> secrets,
            Map<String, String> driverSettings) {
        return new DeploymentJob(
                DeploymentId.random(),
                CommandId.random(),
                "alice",
                "shop",
                environment,
                operation,
                version,
                null,
                overrides,
                secrets,
                driver,
                driverSettings,
                Map.of(),
                Instant.now());
    }

    /** A job for the {@code noop} driver, which changes nothing and does what its settings ask. */
    public static DeploymentJob noopJob(
            String environment, Operation operation, String version, Map<String, String> settings) {
        return job("noop", environment, operation, version, Map.of(), Map.of(), settings);
    }

    /** A deploy job for the {@code local} driver running the {@link TestApps test app}; {@code settings} on top. */
    public static DeploymentJob localJob(
            String environment,
            String version,
            Map<String, String> overrides,
            Map<String, String> secrets,
            Map<String, String> settings) {
        Map<String, String> driverSettings =
                new HashMap<>(Map.of("command", TestApps.command(), "healthPath", "/health"));
        driverSettings.putAll(settings);
        return job("local", environment, Operation.DEPLOY, version, overrides, secrets, driverSettings);
    }

    /** The job as the {@code sequence}-th command-service decided for its environment. */
    public static DeploymentJob sequenced(DeploymentJob job, long sequence) {
        return copy(job, job.requestedAt(), sequence);
    }

    /** The job requested at {@code requestedAt}. */
    public static DeploymentJob requestedAt(DeploymentJob job, Instant requestedAt) {
        return copy(job, requestedAt, job.sequence());
    }

    private static DeploymentJob copy(DeploymentJob job, Instant requestedAt, long sequence) {
        return new DeploymentJob(
                job.deploymentId(),
                job.commandId(),
                job.actor(),
                job.app(),
                job.environment(),
                job.operation(),
                job.version(),
                job.commit(),
                job.overrides(),
                job.secrets(),
                job.driver(),
                job.driverSettings(),
                job.planOptions(),
                requestedAt,
                sequence);
    }

    /** Publishes the job under a message id of its own. */
    public static void publish(RabbitTemplate rabbit, DeploymentJob job) {
        publish(rabbit, job, UUID.randomUUID().toString());
    }

    /** Publishes the job under {@code messageId} (the same id twice is a duplicate delivery). */
    public static void publish(RabbitTemplate rabbit, DeploymentJob job, String messageId) {
        rabbit.send(
                "stagecraft.jobs",
                job.operation().routingKey(),
                message(encode(job), "job.deployment", messageId, job.commandId()));
    }

    public static void publishCancel(RabbitTemplate rabbit, CancelJob cancel) {
        rabbit.send(
                "stagecraft.jobs",
                "job.cancel",
                message(encode(cancel), "job.cancel", UUID.randomUUID().toString(), cancel.commandId()));
    }

    /** The envelope command-service puts around a message (DESIGN.md §3), correlated with its command. */
    public static Message message(String body, String type, String messageId, CommandId correlation) {
        return MessageBuilder.withBody(body.getBytes(StandardCharsets.UTF_8))
                .setContentType("application/json")
                .setMessageId(messageId)
                .setType(type)
                .setCorrelationId(correlation.toString())
                .setAppId("command-service")
                .setHeader("x-stagecraft-version", "1")
                .build();
    }

    /** A new temporary directory named after {@code prefix}, for the test to delete when it is done. */
    public static Path temporaryDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String encode(Object message) {
        return MessageCodec.instance().encodeToString(message);
    }
}
