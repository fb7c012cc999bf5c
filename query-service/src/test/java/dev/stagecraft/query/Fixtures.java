package dev.stagecraft.query;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.DeploymentId;
import dev.stagecraft.contracts.EnvironmentStatus;
import dev.stagecraft.contracts.EventId;
import dev.stagecraft.contracts.FailureReason;
import dev.stagecraft.contracts.Operation;
import dev.stagecraft.contracts.StepStatus;
import dev.stagecraft.contracts.command.Stage;
import dev.stagecraft.contracts.event.ApplicationRegistered;
import dev.stagecraft.contracts.event.ApplicationSpec;
import dev.stagecraft.contracts.event.CommandAccepted;
import dev.stagecraft.contracts.event.DeploymentCancelled;
import dev.stagecraft.contracts.event.DeploymentFailed;
import dev.stagecraft.contracts.event.DeploymentQueued;
import dev.stagecraft.contracts.event.DeploymentStarted;
import dev.stagecraft.contracts.event.DeploymentStepChanged;
import dev.stagecraft.contracts.event.DeploymentSucceeded;
import dev.stagecraft.contracts.event.DeploymentSuperseded;
import dev.stagecraft.contracts.event.EnvironmentDriftDetected;
import dev.stagecraft.contracts.event.EnvironmentLink;
import dev.stagecraft.contracts.event.EnvironmentScheduleChanged;
import dev.stagecraft.contracts.event.EnvironmentSpecChanged;
import dev.stagecraft.contracts.event.EnvironmentStatusChanged;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/** Events as command-service and deployer-worker emit them; each one a second later than the one before. */
public final class Fixtures {

    public static final String ALICE = "alice";
    public static final List<String> PLAN = List.of("prepare", "start", "health-check", "switch");

    private static final Instant T0 = Instant.parse("2026-03-14T09:00:00Z");
    private static final AtomicLong CLOCK = new AtomicLong();

    private Fixtures() {}

    public static Instant now() {
        return T0.plusSeconds(CLOCK.incrementAndGet());
    }

    public static ApplicationRegistered registered(String app, Stage... pipeline) {
        ApplicationSpec spec = new ApplicationSpec(
                app,
                "https://git.example/acme/" + app + ".git",
                "local",
                Map.of("command", "java bootstrap/demo-app/DemoApp.java", "healthPath", "/health"),
                Map.of("LOG_LEVEL", "info"),
                List.of(pipeline));
        return new ApplicationRegistered(EventId.random(), now(), CommandId.random(), ALICE, app, null, 0, spec);
    }

    public static EnvironmentSpecChanged specChanged(
            String app,
            String env,
            long sequence,
            String version,
            List<String> tags,
            @Nullable String description,
            @Nullable Duration ttl) {
        return new EnvironmentSpecChanged(
                EventId.random(),
                now(),
                CommandId.random(),
                ALICE,
                app,
                env,
                sequence,
                version,
                null,
                Map.of("LOG_LEVEL", "debug"),
                List.of("DB_PASSWORD"),
                tags,
                description,
                ttl,
                "local",
                null);
    }

    /** The spec of {@code env} as command-service announces it, with the fingerprints of (some of) its secrets. */
    public static EnvironmentSpecChanged specChanged(
            String app,
            String env,
            long sequence,
            String version,
            @Nullable String commit,
            Map<String, String> overrides,
            List<String> secretKeys,
            Map<String, String> secretFingerprints) {
        return new EnvironmentSpecChanged(
                EventId.random(),
                now(),
                CommandId.random(),
                ALICE,
                app,
                env,
                sequence,
                version,
                commit,
                overrides,
                secretKeys,
                List.of(),
                null,
                null,
                "local",
                null,
                secretFingerprints);
    }

    public static ApplicationRegistered registered(String app, String repository, Stage... pipeline) {
        ApplicationSpec spec =
                new ApplicationSpec(app, repository, "local", Map.of("command", "true"), Map.of(), List.of(pipeline));
        return new ApplicationRegistered(EventId.random(), now(), CommandId.random(), ALICE, app, null, 0, spec);
    }

    public static EnvironmentStatusChanged statusChanged(
            String app,
            String env,
            long sequence,
            EnvironmentStatus from,
            EnvironmentStatus to,
            @Nullable String version,
            String reason) {
        FailureReason failure = to == EnvironmentStatus.FAILURE ? FailureReason.GENERIC : null;
        return new EnvironmentStatusChanged(
                EventId.random(), now(), null, ALICE, app, env, sequence, from, to, version, reason, failure);
    }

    public static DeploymentQueued queued(
            String app, String env, long sequence, DeploymentId id, @Nullable String from, String to) {
        return queued(app, env, sequence, id, CommandId.random(), ALICE, from, to);
    }

    /** A deployment caused by command {@code cause} of {@code actor}, as the worker queues it. */
    public static DeploymentQueued queued(
            String app,
            String env,
            long sequence,
            DeploymentId id,
            CommandId cause,
            String actor,
            @Nullable String from,
            String to) {
        return new DeploymentQueued(
                EventId.random(), now(), cause, actor, app, env, sequence, id, Operation.DEPLOY, from, to, 0);
    }

    /** An {@code operation} (archive, restore, cleanup) of the environment that runs {@code version}, queued. */
    public static DeploymentQueued queuedOperation(
            String app, String env, long sequence, DeploymentId id, Operation operation, String version) {
        return new DeploymentQueued(
                EventId.random(),
                now(),
                CommandId.random(),
                ALICE,
                app,
                env,
                sequence,
                id,
                operation,
                version,
                version,
                0);
    }

    public static DeploymentStarted started(String app, String env, long sequence, DeploymentId id) {
        return new DeploymentStarted(EventId.random(), now(), null, ALICE, app, env, sequence, id, PLAN);
    }

    public static DeploymentStepChanged step(
            String app, String env, long sequence, DeploymentId id, String step, StepStatus status, int progress) {
        return step(app, env, sequence, id, step, status, progress, List.of());
    }

    /** A step's report with the lines it logged since its previous one. */
    public static DeploymentStepChanged step(
            String app,
            String env,
            long sequence,
            DeploymentId id,
            String step,
            StepStatus status,
            int progress,
            List<String> output) {
        return new DeploymentStepChanged(
                EventId.random(),
                now(),
                null,
                ALICE,
                app,
                env,
                sequence,
                id,
                step,
                status,
                step + " " + status.name().toLowerCase(),
                progress,
                output);
    }

    public static DeploymentSucceeded succeeded(
            String app, String env, long sequence, DeploymentId id, String version) {
        return new DeploymentSucceeded(
                EventId.random(), now(), null, ALICE, app, env, sequence, id, version, null, null, 4200);
    }

    /** A deployment succeeded, and its driver gives users {@code links} to what runs now. */
    public static DeploymentSucceeded succeeded(
            String app, String env, long sequence, DeploymentId id, String version, List<EnvironmentLink> links) {
        return new DeploymentSucceeded(
                EventId.random(), now(), null, ALICE, app, env, sequence, id, version, null, null, 4200, links);
    }

    public static DeploymentFailed failed(
            String app, String env, long sequence, DeploymentId id, String version, String error, String failedStep) {
        return new DeploymentFailed(
                EventId.random(), now(), null, ALICE, app, env, sequence, id, version, error, failedStep, 3100);
    }

    public static DeploymentCancelled cancelled(
            String app, String env, long sequence, DeploymentId id, String version) {
        return new DeploymentCancelled(
                EventId.random(), now(), null, ALICE, app, env, sequence, id, version, "cancelled by alice", null, 0);
    }

    public static DeploymentSuperseded superseded(
            String app, String env, long sequence, DeploymentId id, String version) {
        return new DeploymentSuperseded(
                EventId.random(), now(), null, ALICE, app, env, sequence, id, version, "a newer version", null, 0);
    }

    /** command-service accepted {@code command} of type {@code type} through {@code channel}. */
    public static CommandAccepted accepted(
            String app,
            String env,
            long sequence,
            CommandId command,
            String type,
            @Nullable DeploymentId deployment,
            @Nullable String channel) {
        return new CommandAccepted(
                EventId.random(), now(), command, ALICE, app, env, sequence, type, deployment, channel);
    }

    public static EnvironmentScheduleChanged scheduleChanged(
            String app, String env, long sequence, @Nullable Instant expiresAt, @Nullable Instant cleanupAt) {
        return new EnvironmentScheduleChanged(
                EventId.random(), now(), CommandId.random(), ALICE, app, env, sequence, expiresAt, cleanupAt);
    }

    public static EnvironmentDriftDetected driftDetected(
            String app, String env, long sequence, String desired, @Nullable String actual) {
        return new EnvironmentDriftDetected(
                EventId.random(),
                now(),
                null,
                "deployer-worker",
                app,
                env,
                sequence,
                desired,
                actual,
                "runs " + actual + " but " + desired + " was deployed");
    }
}
