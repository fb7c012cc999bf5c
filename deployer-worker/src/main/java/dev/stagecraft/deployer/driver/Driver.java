package dev.stagecraft.deployer.driver;

import dev.stagecraft.contracts.FailureReason;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Turns desired specs into running workloads on some target (DESIGN §5). Every operation is idempotent: a
 * driver reconciles toward the state asked for, so repeating an operation that already took effect changes
 * nothing. Operations block until done and report progress through a {@link StepReporter} with the step
 * names of {@link Steps#plan}; they fail by throwing {@link DriverException}.
 */
public interface Driver {

    /** The name jobs select the driver by ({@code job.driver()}). */
    String name();

    /**
     * Makes the environment run {@code desired}, replacing {@code current} (null on the first deployment)
     * without a gap, and waits until it is ready. On failure the previous workload keeps running and nothing
     * of the new one is left behind.
     */
    DeployResult deploy(Spec desired, @Nullable Workload current, StepReporter steps);

    /** Stops the workload, keeping its data; returns it with nothing running. */
    Workload archive(Workload current, StepReporter steps);

    /** Starts an archived workload again with its last spec. */
    default DeployResult restore(Workload archived, StepReporter steps) {
        return deploy(archived.spec(), null, steps);
    }

    /** Removes everything the environment owns; {@code current} is null when nothing was ever deployed. */
    void cleanup(Target target, @Nullable Workload current, StepReporter steps);

    /**
     * Removes what an operation cut short (the worker died during it) left behind in the environment, keeping
     * {@code current}, the workload the environment records (the local driver: a new version that was still
     * being started). The worker calls it for each deployment it finds cut short when it starts; drivers also
     * do it themselves before each operation. Does nothing by default.
     */
    default void recover(Target target, @Nullable Workload current) {}

    /**
     * Runs a plan hook against {@code desired} and waits for it; fails with {@link DriverException} naming
     * {@code hook.step()} when the hook fails or outlives its timeout. Drivers without hooks refuse.
     */
    default void runHook(Spec desired, Hook hook, StepReporter steps) {
        throw new DriverException(
                hook.step(),
                FailureReason.GENERIC,
                "the " + name() + " driver cannot run hooks; remove the " + hook.step()
                        + " hook from the application's plan");
    }

    /**
     * The target cluster {@code spec} is deployed to: calls to one cluster share a circuit breaker, so that
     * while it is down its deployments wait. Defaults to the driver's name (one target per worker).
     */
    default String cluster(Spec spec) {
        return name();
    }

    /** Reports the actual state of a workload. */
    CheckResult check(Workload current);

    /** Links to show users. */
    List<Link> info(Workload current);
}
