package dev.stagecraft.deployer.deployment;

import dev.stagecraft.contracts.CommandId;
import dev.stagecraft.contracts.EventId;
import dev.stagecraft.contracts.StepStatus;
import dev.stagecraft.contracts.event.DeploymentCancelled;
import dev.stagecraft.contracts.event.DeploymentFailed;
import dev.stagecraft.contracts.event.DeploymentQueued;
import dev.stagecraft.contracts.event.DeploymentStarted;
import dev.stagecraft.contracts.event.DeploymentStepChanged;
import dev.stagecraft.contracts.event.DeploymentSucceeded;
import dev.stagecraft.contracts.event.DeploymentSuperseded;
import dev.stagecraft.contracts.event.EnvironmentDriftDetected;
import dev.stagecraft.contracts.event.EnvironmentLink;
import dev.stagecraft.contracts.event.EnvironmentStatusChanged;
import dev.stagecraft.contracts.job.DeploymentJob;
import dev.stagecraft.deployer.driver.Link;
import dev.stagecraft.deployer.driver.Target;
import dev.stagecraft.deployer.environment.Environment;
import dev.stagecraft.deployer.environment.EnvironmentRepository;
import dev.stagecraft.deployer.environment.StatusChange;
import dev.stagecraft.deployer.secret.Redactor;
import dev.stagecraft.deployer.secret.Secrets;
import dev.stagecraft.messaging.EventSequences;
import dev.stagecraft.messaging.Outbox;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Publishes the events of deployments and environment statuses through the outbox, each numbered with the
 * environment's next sequence. Called only inside the transaction of the state change the event announces.
 * Every event the worker publishes is built here, so this is where the texts in them (step messages, reasons,
 * errors) get their secret values hidden: those of the deployment's job and of the job the environment last
 * ran, whose workload's answers a driver's message may quote.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
public class DeploymentEvents {

    /** The actor of what the worker does on its own (recovery after a restart). */
    static final String WORKER_ACTOR = "deployer-worker";

    private final Outbox outbox;
    private final EventSequences sequences;
    private final EnvironmentRepository environments;
    private final Secrets secrets;
    private final Clock clock;

    DeploymentEvents(
            Outbox outbox, EventSequences sequences, EnvironmentRepository environments, Secrets secrets, Clock clock) {
        this.outbox = outbox;
        this.sequences = sequences;
        this.environments = environments;
        this.secrets = secrets;
        this.clock = clock;
    }

    void queued(Deployment d, int position) {
        outbox.publish(new DeploymentQueued(
                EventId.random(),
                now(),
                d.commandId(),
                d.actor(),
                d.app(),
                d.environment(),
                next(d),
                d.id(),
                d.operation(),
                d.fromVersion(),
                d.toVersion(),
                position));
    }

    void started(Deployment d, List<String> plan) {
        outbox.publish(new DeploymentStarted(
                EventId.random(), now(), d.commandId(), d.actor(), d.app(), d.environment(), next(d), d.id(), plan));
    }

    void stepChanged(
            Deployment d, String step, StepStatus status, @Nullable String message, int progress, List<String> output) {
        outbox.publish(new DeploymentStepChanged(
                EventId.random(),
                now(),
                d.commandId(),
                d.actor(),
                d.app(),
                d.environment(),
                next(d),
                d.id(),
                step,
                status,
                message == null ? null : redactor(d).redact(message),
                progress,
                output));
    }

    void statusChanged(Deployment d, StatusChange change) {
        announce(d.app(), d.environment(), d.commandId(), d.actor(), change, redactor(d));
    }

    /** Announces a status change the worker makes on its own (a check), without a deployment. */
    void statusChanged(String app, String env, @Nullable CommandId commandId, String actor, StatusChange change) {
        announce(app, env, commandId, actor, change, redactor(app, env, null));
    }

    /** Announces a status change; one from a non-existent environment ([*]) has no {@code from} and is not announced. */
    private void announce(
            String app, String env, @Nullable CommandId commandId, String actor, StatusChange change, Redactor r) {
        if (!change.announced()) {
            return;
        }
        outbox.publish(new EnvironmentStatusChanged(
                EventId.random(),
                now(),
                commandId,
                actor,
                app,
                env,
                sequences.next(app, env),
                Objects.requireNonNull(change.from()),
                change.to(),
                change.version(),
                change.reason() == null ? null : r.redact(change.reason()),
                change.failure()));
    }

    /** Announces the success with the driver's {@code links} to what runs now, their secret values hidden. */
    void succeeded(Deployment d, long durationMs, List<Link> links) {
        Redactor r = redactor(d);
        outbox.publish(new DeploymentSucceeded(
                EventId.random(),
                now(),
                d.commandId(),
                d.actor(),
                d.app(),
                d.environment(),
                next(d),
                d.id(),
                d.toVersion(),
                null,
                null,
                durationMs,
                links.stream()
                        .map(link -> new EnvironmentLink(r.redact(link.name()), r.redact(link.url())))
                        .toList()));
    }

    void failed(Deployment d, String error, @Nullable String failedStep, long durationMs) {
        outbox.publish(new DeploymentFailed(
                EventId.random(),
                now(),
                d.commandId(),
                d.actor(),
                d.app(),
                d.environment(),
                next(d),
                d.id(),
                d.toVersion(),
                redactor(d).redact(error),
                failedStep,
                durationMs));
    }

    void cancelled(Deployment d, CommandId commandId, String actor, String reason) {
        outbox.publish(new DeploymentCancelled(
                EventId.random(),
                now(),
                commandId,
                actor,
                d.app(),
                d.environment(),
                next(d),
                d.id(),
                d.toVersion(),
                redactor(d).redact(reason),
                null,
                0));
    }

    void superseded(Deployment d, String reason) {
        outbox.publish(new DeploymentSuperseded(
                EventId.random(),
                now(),
                d.commandId(),
                d.actor(),
                d.app(),
                d.environment(),
                next(d),
                d.id(),
                d.toVersion(),
                reason,
                null,
                0));
    }

    /** {@code line} with the deployment's secret values masked. */
    @Transactional(propagation = Propagation.SUPPORTS)
    String redact(Deployment d, String line) {
        return redactor(d).redact(line);
    }

    private Redactor redactor(Deployment d) {
        return redactor(d.app(), d.environment(), d.job());
    }

    /** Hides the secrets of {@code job} (if any) and of the job the environment last ran. */
    private Redactor redactor(String app, String env, @Nullable DeploymentJob job) {
        Target target = new Target(app, env);
        Redactor recorded = environments
                .find(app, env)
                .map(Environment::deployed)
                .map(deployed -> secrets.redactor(target, deployed.job().secrets()))
                .orElse(Redactor.none());
        return job == null ? recorded : recorded.and(secrets.redactor(target, job.secrets()));
    }

    private long next(Deployment d) {
        return sequences.next(d.app(), d.environment());
    }

    private Instant now() {
        return clock.instant();
    }

    /** The actor of what the worker does on its own ({@link #WORKER_ACTOR}), for packages outside this one. */
    public static String workerActor() {
        return WORKER_ACTOR;
    }

    /** Announces a status change the worker made on its own (a status check), without a command. */
    public void statusChangedByWorker(String app, String env, StatusChange change) {
        statusChanged(app, env, null, WORKER_ACTOR, change);
    }

    /**
     * Announces {@code environment.drift-detected}: the workload reports {@code actualVersion} while the spec the
     * environment records is {@code desiredVersion}. What the workload answered is redacted like every other text.
     */
    public void driftDetected(String app, String env, String desiredVersion, String actualVersion, String detail) {
        Redactor r = redactor(app, env, null);
        outbox.publish(new EnvironmentDriftDetected(
                EventId.random(),
                now(),
                null,
                WORKER_ACTOR,
                app,
                env,
                sequences.next(app, env),
                desiredVersion,
                r.redact(actualVersion),
                r.redact(detail)));
    }
}
