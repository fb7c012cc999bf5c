package dev.stagecraft.deployer.deployment;

import dev.stagecraft.deployer.environment.Environment;

/** What taking the next deployment of an environment's queue gave. */
sealed interface Claim {

    /** Nothing to do: the queue is empty or another deployment of the environment runs. */
    record Idle() implements Claim {}

    /** The next deployment was refused at once (its transition is illegal now) and has FAILED. */
    record Refused(Deployment deployment) implements Claim {}

    /** The next deployment is RUNNING; {@code environment} is its state as the deployment started. */
    record Started(Deployment deployment, Environment environment) implements Claim {}
}
