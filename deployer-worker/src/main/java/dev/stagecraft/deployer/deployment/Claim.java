package dev.stagecraft.deployer.deployment;

import dev.stagecraft.deployer.environment.Environment;
import org.jspecify.annotations.Nullable;

/** What taking the next deployment of an environment's queue gave. */
sealed interface Claim {

    /** Nothing to do: the queue is empty or another deployment of the environment runs. */
    record Idle() implements Claim {}

    /** The next deployment was refused at once (its transition is illegal now) and has FAILED. */
    record Refused(Deployment deployment) implements Claim {}

    /**
     * The next deployment is RUNNING; {@code environment} is its state as the deployment started.
     * {@code takenOverFrom} names the worker that died running it, when this is a later attempt.
     */
    record Started(
            Deployment deployment,
            Environment environment,
            @Nullable String takenOverFrom) implements Claim {

        Started(Deployment deployment, Environment environment) {
            this(deployment, environment, null);
        }
    }

    /**
     * A RUNNING deployment whose worker died once too often: this worker now holds it, removes what it left
     * behind and fails it.
     */
    record Abandoned(Deployment deployment, @Nullable String workerId, int attempts) implements Claim {}
}
