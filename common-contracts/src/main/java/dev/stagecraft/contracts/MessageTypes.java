package dev.stagecraft.contracts;

import dev.stagecraft.contracts.command.*;
import dev.stagecraft.contracts.event.*;
import dev.stagecraft.contracts.job.*;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The wire name of every message type: the AMQP {@code type} property, the routing key on
 * {@code stagecraft.commands} and {@code stagecraft.events}, and the name of its JSON Schema
 * ({@code schemas/<type>.schema.json} in this jar).
 */
public final class MessageTypes {

    private static final Map<String, Class<?>> BY_TYPE = new LinkedHashMap<>();
    private static final Map<Class<?>, String> BY_CLASS = new LinkedHashMap<>();

    static {
        register("application.register", RegisterApplication.class);
        register("environment.create", CreateEnvironment.class);
        register("environment.update", UpdateEnvironment.class);
        register("environment.archive", ArchiveEnvironment.class);
        register("environment.restore", RestoreEnvironment.class);
        register("environment.cleanup", CleanupEnvironment.class);
        register("promote", Promote.class);
        register("rollback", Rollback.class);
        register("deployment.approve", ApproveDeployment.class);
        register("deployment.reject", RejectDeployment.class);
        register("deployment.cancel", CancelDeployment.class);
        register("environment.lock", LockEnvironment.class);
        register("environment.unlock", UnlockEnvironment.class);

        register("job.deployment", DeploymentJob.class);
        register(Topology.JOB_CANCEL_ROUTING_KEY, CancelJob.class);

        register("command.accepted", CommandAccepted.class);
        register("command.rejected", CommandRejected.class);
        register("application.registered", ApplicationRegistered.class);
        register("environment.spec-changed", EnvironmentSpecChanged.class);
        register("environment.status-changed", EnvironmentStatusChanged.class);
        register("environment.drift-detected", EnvironmentDriftDetected.class);
        register("environment.schedule-changed", EnvironmentScheduleChanged.class);
        register("environment.lock-changed", EnvironmentLockChanged.class);
        register("deployment.queued", DeploymentQueued.class);
        register("deployment.awaiting-approval", DeploymentAwaitingApproval.class);
        register("deployment.approved", DeploymentApproved.class);
        register("deployment.rejected", DeploymentRejected.class);
        register("deployment.started", DeploymentStarted.class);
        register("deployment.step-changed", DeploymentStepChanged.class);
        register("deployment.succeeded", DeploymentSucceeded.class);
        register("deployment.failed", DeploymentFailed.class);
        register("deployment.cancelled", DeploymentCancelled.class);
        register("deployment.superseded", DeploymentSuperseded.class);
    }

    private MessageTypes() {}

    private static void register(String type, Class<?> messageClass) {
        BY_TYPE.put(type, messageClass);
        BY_CLASS.put(messageClass, type);
    }

    /** Every known type name. */
    public static Set<String> all() {
        return BY_TYPE.keySet();
    }

    public static Optional<Class<?>> classOf(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    /** The wire name of a message record, e.g. {@code deployment.succeeded}. */
    public static String typeOf(Object message) {
        return typeOf(message.getClass());
    }

    public static String typeOf(Class<?> messageClass) {
        String type = BY_CLASS.get(messageClass);
        if (type == null) {
            throw new IllegalArgumentException(messageClass.getName() + " is not a Stagecraft message");
        }
        return type;
    }

    /**
     * The routing key a message is published with: its type, except for deployment jobs, which are
     * routed by operation ({@code job.deploy}, {@code job.archive}, …).
     */
    public static String routingKeyOf(Object message) {
        return message instanceof DeploymentJob job ? job.operation().routingKey() : typeOf(message);
    }

    /** The type of a message received with a routing key; {@code job.deploy} etc. are deployment jobs. */
    public static String typeForRoutingKey(String routingKey) {
        return routingKey.startsWith("job.") && !routingKey.equals(Topology.JOB_CANCEL_ROUTING_KEY)
                ? "job.deployment"
                : routingKey;
    }
}
