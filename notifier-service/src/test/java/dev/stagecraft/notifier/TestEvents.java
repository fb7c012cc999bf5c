package dev.stagecraft.notifier;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.EnvironmentStatus;
import dev.stagecraft.contracts.EventId;
import dev.stagecraft.contracts.MessageCodec;
import dev.stagecraft.contracts.MessageTypes;
import dev.stagecraft.contracts.Operation;
import dev.stagecraft.contracts.StepStatus;
import dev.stagecraft.contracts.Topology;
import dev.stagecraft.contracts.command.Stage;
import dev.stagecraft.contracts.event.ApplicationRegistered;
import dev.stagecraft.contracts.event.ApplicationSpec;
import dev.stagecraft.contracts.event.CommandAccepted;
import dev.stagecraft.contracts.event.DeploymentApproved;
import dev.stagecraft.contracts.event.DeploymentAwaitingApproval;
import dev.stagecraft.contracts.event.DeploymentCancelled;
import dev.stagecraft.contracts.event.DeploymentFailed;
import dev.stagecraft.contracts.event.DeploymentQueued;
import dev.stagecraft.contracts.event.DeploymentRejected;
import dev.stagecraft.contracts.event.DeploymentStarted;
import dev.stagecraft.contracts.event.DeploymentStepChanged;
import dev.stagecraft.contracts.event.DeploymentSucceeded;
import dev.stagecraft.contracts.event.EnvironmentStatusChanged;
import dev.stagecraft.contracts.event.Event;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/** Events of a deployment as the deployer-worker would publish them, and their AMQP envelope (DESIGN §3). */
public final class TestEvents {

    private static final CommandId COMMAND = CommandId.random();
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    private TestEvents() {}

    public static CommandAccepted accepted(DeploymentId id, String app, String env) {
        return new CommandAccepted(
                EventId.random(), NOW, COMMAND, "alice", app, env, 0, "environment.update", id, "rest");
    }

    public static DeploymentQueued queued(DeploymentId id, String app, String env, long seq, String from, String to) {
        return new DeploymentQueued(
                EventId.random(), NOW, COMMAND, "alice", app, env, seq, id, Operation.DEPLOY, from, to, 0);
    }

    public static DeploymentStarted started(DeploymentId id, String app, String env, long seq) {
        return new DeploymentStarted(
                EventId.random(),
                NOW,
                COMMAND,
                "alice",
                app,
                env,
                seq,
                id,
                List.of("prepare", "start", "health-check"));
    }

    public static DeploymentStepChanged step(
            DeploymentId id, String app, String env, long seq, String step, StepStatus status, int progress) {
        return new DeploymentStepChanged(
                EventId.random(),
                NOW,
                COMMAND,
                "alice",
                app,
                env,
                seq,
                id,
                step,
                status,
                step + " " + status,
                progress,
                List.of());
    }

    public static DeploymentSucceeded succeeded(
            DeploymentId id, String app, String env, long seq, String version, long durationMs) {
        return new DeploymentSucceeded(
                EventId.random(), NOW, COMMAND, "alice", app, env, seq, id, version, null, null, durationMs);
    }

    public static DeploymentFailed failed(
            DeploymentId id, String app, String env, long seq, String version, String error, String step) {
        return new DeploymentFailed(
                EventId.random(), NOW, COMMAND, "alice", app, env, seq, id, version, error, step, 4200);
    }

    /** alice asks for {@code version} in {@code stage}, which requires approval. */
    public static DeploymentAwaitingApproval awaitingApproval(
            DeploymentId id, String app, String stage, long seq, String from, String version) {
        return new DeploymentAwaitingApproval(
                EventId.random(), NOW, COMMAND, "alice", app, stage, seq, id, null, version, from, stage, null);
    }

    public static DeploymentApproved approved(
            DeploymentId id, String app, String stage, long seq, String from, String version, String comment) {
        return new DeploymentApproved(
                EventId.random(), NOW, COMMAND, "bob", app, stage, seq, id, "bob", version, from, stage, comment);
    }

    public static DeploymentRejected rejected(
            DeploymentId id, String app, String stage, long seq, String from, String version, String comment) {
        return new DeploymentRejected(
                EventId.random(), NOW, COMMAND, "bob", app, stage, seq, id, "bob", version, from, stage, comment);
    }

    public static DeploymentCancelled cancelled(DeploymentId id, String app, String env, long seq, String version) {
        return new DeploymentCancelled(
                EventId.random(), NOW, COMMAND, "alice", app, env, seq, id, version, null, null, 0);
    }

    /** {@code application.registered} of {@code app} with a pipeline of {@code stages}, the last requiring approval. */
    public static ApplicationRegistered registered(String app, String... stages) {
        List<Stage> pipeline = new ArrayList<>();
        for (int i = 0; i < stages.length; i++) {
            pipeline.add(new Stage(stages[i], i == stages.length - 1, false, null));
        }
        return new ApplicationRegistered(
                EventId.random(),
                NOW,
                COMMAND,
                "alice",
                app,
                null,
                0,
                new ApplicationSpec(app, null, "local", Map.of(), Map.of(), pipeline, List.of()));
    }

    public static EnvironmentStatusChanged statusChanged(String app, String env, long seq) {
        return new EnvironmentStatusChanged(
                EventId.random(),
                NOW,
                COMMAND,
                "deployer",
                app,
                env,
                seq,
                EnvironmentStatus.UPDATE_PENDING,
                EnvironmentStatus.RUNNING,
                "1.8.0",
                null,
                null);
    }

    /** The AMQP message another service would publish for {@code event}. */
    public static Message envelope(Event event) {
        return envelope(
                MessageTypes.typeOf(event),
                MessageCodec.instance().encode(event),
                event.eventId().toString());
    }

    public static Message envelope(String type, byte[] body, String messageId) {
        return MessageBuilder.withBody(body)
                .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .setContentEncoding(StandardCharsets.UTF_8.name())
                .setMessageId(messageId)
                .setType(type)
                .setCorrelationId(COMMAND.toString())
                .setAppId("deployer-worker")
                .setTimestamp(Date.from(NOW))
                .setDeliveryMode(MessageDeliveryMode.PERSISTENT)
                .setHeader(Topology.VERSION_HEADER, Topology.CONTRACT_VERSION)
                .build();
    }

    public static Message malformed(String type) {
        return envelope(
                type,
                "{\"app\":\"shop\"}".getBytes(StandardCharsets.UTF_8),
                UUID.randomUUID().toString());
    }

    public static void publish(RabbitTemplate rabbit, Message message) {
        rabbit.send(Topology.EVENTS_EXCHANGE, message.getMessageProperties().getType(), message);
    }

    public static Message publish(RabbitTemplate rabbit, Event event) {
        Message message = envelope(event);
        publish(rabbit, message);
        return message;
    }
}
