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
import dev.stagecraft.contracts.event.DeploymentQueued;
import dev.stagecraft.contracts.event.DeploymentStarted;
import dev.stagecraft.contracts.event.DeploymentStepChanged;
import dev.stagecraft.contracts.event.DeploymentSucceeded;
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
        return new DeploymentQueued(
                EventId.random(),
                now(),
                CommandId.random(),
                ALICE,
                app,
                env,
                sequence,
                id,
                Operation.DEPLOY,
                from,
                to,
                0);
    }

    public static DeploymentStarted started(String app, String env, long sequence, DeploymentId id) {
        return new DeploymentStarted(EventId.random(), now(), null, ALICE, app, env, sequence, id, PLAN);
    }

    public static DeploymentStepChanged step(
            String app, String env, long sequence, DeploymentId id, String step, StepStatus status, int progress) {
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
                List.of());
    }

    public static DeploymentSucceeded succeeded(
            String app, String env, long sequence, DeploymentId id, String version) {
        return new DeploymentSucceeded(
                EventId.random(), now(), null, ALICE, app, env, sequence, id, version, null, null, 4200);
    }
}
